package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.policy.RuleId;

/**
 * Whether a loss is survivable: the one verdict the zone loss table, the node loss table and
 * {@code what-if} give. Not survivable when etcd loses quorum, no apiserver is left (an apiserver
 * the snapshot does not show is assumed to survive), a volume strands or a drain hangs, or a
 * workload goes down that haguard flags at warning or above: a spread problem under
 * {@code spreadRule} (workload-zone-spof for a zone, workload-node-spof for nodes), a 1-replica
 * workload only when workload-single-replica is raised.
 */
public final class LossVerdict {
  private LossVerdict() {}

  /**
   * @param quorumKept        null when etcd cannot be seen
   * @param apiServersLeft    null when some apiserver's place is unknown
   * @param notSpreadDown     workloads wanting 2 replicas or more that go down
   * @param singleReplicaDown 1-replica workloads that go down
   * @param otherHarm         a volume stranded or a drain blocked
   */
  public static boolean survivable(AnalysisContext context, Boolean quorumKept, Integer apiServersLeft, RuleId spreadRule,
      int notSpreadDown, int singleReplicaDown, boolean otherHarm) {
    var overrides = context.policy().severityOverrides();
    return !Boolean.FALSE.equals(quorumKept)
        && (!context.apiServers().observable() || apiServersLeft == null || apiServersLeft > 0)
        && !(notSpreadDown > 0 && spreadRule.flagsUnder(overrides))
        && !(singleReplicaDown > 0 && RuleId.WORKLOAD_SINGLE_REPLICA.flagsUnder(overrides))
        && !otherHarm;
  }
}
