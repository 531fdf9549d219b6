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

  /**
   * The etcd quorum as haguard sees it. Where etcd could not be observed (source Unobservable: a
   * managed control plane, k3s on SQLite) the counts and quorum figures are absent, never 0.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Etcd(
      EtcdSource source,
      Integer members,
      Integer healthy,
      Integer learners,
      Integer majority,
      Integer failureTolerance,
      Integer remainingTolerance,
      Map<String, Integer> zones,
      Boolean survivesZoneLoss) {}

  /** The apiservers and how clients reach them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ApiServer(
      int instances, String endpoint, EndpointKind endpointKind, String endpointKindUnknownBecause,
      Map<String, Integer> zones) {}

  /** Spread over zones, and what losing each zone would do. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Zones(
      int count, Map<String, Integer> nodes, Map<String, Integer> controlPlane, List<ZoneLoss> lossSimulation) {}

  /**
   * The answer to "what if this zone goes?". {@code etcdQuorumKept} is absent when etcd could not
   * be observed. {@code workloadsDown} counts the spread problems (workloads of 2 replicas or more
   * wholly in the zone); {@code singleReplicaDown} the 1-replica workloads there, which count against
   * {@code survivable} only when workload-single-replica is raised to warning or above.
   * {@code workloads} names them (capped in the ClusterPolicy's status, complete from audit), and
   * {@code note} says what no layout of the zones can fix (a 2-zone cluster).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ZoneLoss(
      String zone,
      Boolean etcdQuorumKept,
      int apiServersLeft,
      int workloadsDown,
      int singleReplicaDown,
      int volumesStranded,
      boolean survivable,
      List<WorkloadDown> workloads,
      Integer workloadsTruncated,
      String note) {

    /** This loss with at most {@code limit} workloads listed, and how many more there are. */
    public ZoneLoss capped(int limit) {
      if (workloads == null || workloads.size() <= limit) {
        return this;
      }
      return new ZoneLoss(zone, etcdQuorumKept, apiServersLeft, workloadsDown, singleReplicaDown, volumesStranded,
          survivable, List.copyOf(workloads.subList(0, limit)), workloads.size() - limit, note);
    }
  }

  /** A workload the loss of a zone takes down: every Ready pod it has runs there. */
  public record WorkloadDown(
      String kind, String namespace, String name, int replicasLeft, int replicasWanted, DownReason reason) {}

  /** Finding counts per severity, before any cap on the list. */
  public record Summary(int critical, int warning, int info) {}

  /** Returns this status with other conditions. */
  public ClusterPolicyStatus withConditions(List<Condition> newConditions) {
    return new ClusterPolicyStatus(
        observedGeneration, mode, etcd, apiServer, zones, summary, findings, findingsTruncated, actions, newConditions);
  }
}
