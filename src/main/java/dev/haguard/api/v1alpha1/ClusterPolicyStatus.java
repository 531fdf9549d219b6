package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/**
 * What haguard found. The same shape is the status of a ClusterPolicy and the output of
 * {@code haguard audit -o json}: one model serves both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterPolicyStatus(
    Long observedGeneration,
    Mode mode,
    Etcd etcd,
    ApiServer apiServer,
    Zones zones,
    Summary summary,
    List<Finding> findings,
    Integer findingsTruncated,
    List<Action> actions,
    List<Condition> conditions) {

  /** The etcd quorum as haguard sees it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Etcd(
      EtcdSource source,
      int members,
      int healthy,
      int learners,
      int majority,
      int failureTolerance,
      int remainingTolerance,
      Map<String, Integer> zones,
      Boolean survivesZoneLoss) {}

  /** The apiservers and how clients reach them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ApiServer(int instances, String endpoint, EndpointKind endpointKind, Map<String, Integer> zones) {}

  /** Spread over zones, and what losing each zone would do. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Zones(
      int count, Map<String, Integer> nodes, Map<String, Integer> controlPlane, List<ZoneLoss> lossSimulation) {}

  /** The answer to "what if this zone goes?". */
  public record ZoneLoss(
      String zone,
      boolean etcdQuorumKept,
      int apiServersLeft,
      int workloadsDown,
      int volumesStranded,
      boolean survivable) {}

  /** Finding counts per severity, before any cap on the list. */
  public record Summary(int critical, int warning, int info) {}

  /** Returns this status with another observed generation. */
  public ClusterPolicyStatus withObservedGeneration(Long generation) {
    return new ClusterPolicyStatus(
        generation, mode, etcd, apiServer, zones, summary, findings, findingsTruncated, actions, conditions);
  }

  /** Returns this status with other conditions. */
  public ClusterPolicyStatus withConditions(List<Condition> newConditions) {
    return new ClusterPolicyStatus(
        observedGeneration, mode, etcd, apiServer, zones, summary, findings, findingsTruncated, actions, newConditions);
  }

  /** Returns this status with another remediation plan. */
  public ClusterPolicyStatus withActions(List<Action> newActions) {
    return new ClusterPolicyStatus(
        observedGeneration, mode, etcd, apiServer, zones, summary, findings, findingsTruncated, newActions, conditions);
  }
}
