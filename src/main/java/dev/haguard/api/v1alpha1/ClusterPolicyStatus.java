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
      Integer instances, String instancesUnknownBecause, String endpoint, EndpointKind endpointKind,
      String endpointKindUnknownBecause, Map<String, Integer> zones) {}

  /**
   * Spread over zones, what losing each zone would do, and the nodes whose loss takes the most down
   * ({@code riskiestNodes}: the first 10 in status, {@code riskiestNodesTruncated} counting the rest;
   * every one from audit). {@code nodesUnsurvivable} counts every node whose loss is not survivable.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Zones(
      int count, Map<String, Integer> nodes, Map<String, Integer> controlPlane, List<ZoneLoss> lossSimulation,
      List<NodeLoss> riskiestNodes, Integer riskiestNodesTruncated, Integer nodesUnsurvivable) {

    /** Zones without a node loss table. */
    public Zones(int count, Map<String, Integer> nodes, Map<String, Integer> controlPlane, List<ZoneLoss> lossSimulation) {
      this(count, nodes, controlPlane, lossSimulation, null, null, null);
    }
  }

  /**
   * The answer to "what if this zone goes?". {@code etcdQuorumKept} is absent when etcd could not
   * be observed, {@code apiServersLeft} when some apiserver's place is unknown (a managed control plane). {@code workloadsDown} counts the spread problems (workloads of 2 replicas or more
   * wholly in the zone); {@code singleReplicaDown} the 1-replica workloads there, which count against
   * {@code survivable} only when workload-single-replica is raised to warning or above.
   * {@code workloads} names them (capped in the ClusterPolicy's status, complete from audit), and
   * {@code note} says what no layout of the zones can fix (a 2-zone cluster).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ZoneLoss(
      String zone,
      Boolean etcdQuorumKept,
      Integer apiServersLeft,
      int workloadsDown,
      int singleReplicaDown,
      int volumesStranded,
      boolean survivable,
      List<WorkloadDown> workloads,
      Integer workloadsTruncated,
      String note) {

    /** This loss with at most {@code limit} workloads listed, and how many more there are. */
    public ZoneLoss capped(int limit) {
      return fits(workloads, limit) ? this : new ZoneLoss(zone, etcdQuorumKept, apiServersLeft, workloadsDown,
          singleReplicaDown, volumesStranded, survivable, first(workloads, limit), workloads.size() - limit, note);
    }
  }

  /**
   * The answer to "what if this node goes?" for a node whose loss takes something down or is not
   * survivable: what {@code haguard what-if --lose node/NAME} answers, in counts. {@code volumesStranded}
   * counts the zonal claims of its pods that no node left in their zone can take.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NodeLoss(
      String node,
      String zone,
      Boolean etcdQuorumKept,
      Integer apiServersLeft,
      int workloadsDown,
      int singleReplicaDown,
      int volumesStranded,
      boolean survivable,
      List<WorkloadDown> workloads,
      Integer workloadsTruncated) {

    /** This loss with at most {@code limit} workloads listed, and how many more there are. */
    public NodeLoss capped(int limit) {
      return fits(workloads, limit) ? this : new NodeLoss(node, zone, etcdQuorumKept, apiServersLeft, workloadsDown,
          singleReplicaDown, volumesStranded, survivable, first(workloads, limit), workloads.size() - limit);
    }
  }

  /** A workload the loss of a zone or node takes down: every Ready pod it has runs there. */
  public record WorkloadDown(
      String kind, String namespace, String name, int replicasLeft, int replicasWanted, DownReason reason) {}

  private static boolean fits(List<WorkloadDown> workloads, int limit) {
    return workloads == null || workloads.size() <= limit;
  }

  private static List<WorkloadDown> first(List<WorkloadDown> workloads, int limit) {
    return List.copyOf(workloads.subList(0, limit));
  }

  /** Finding counts per severity, before any cap on the list. */
  public record Summary(int critical, int warning, int info) {}

  /** Returns this status with other conditions. */
  public ClusterPolicyStatus withConditions(List<Condition> newConditions) {
    return new ClusterPolicyStatus(
        observedGeneration, mode, etcd, apiServer, zones, summary, findings, findingsTruncated, actions, newConditions);
  }
}
