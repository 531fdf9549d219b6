package dev.haguard.analysis.disruption;

import dev.haguard.api.v1alpha1.ObjectRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/**
 * One PodDisruptionBudget as the disruption controller computes it from the snapshot (not from
 * the PDB's own status, which may be stale or absent in a file).
 *
 * @param pdb                the budget
 * @param pods               the pods its selector matches in its namespace (finished pods left out)
 * @param expectedPods       the count the budget is taken of: the pods for an integer minAvailable,
 *                           else the replicas their controllers want
 * @param desiredHealthy     how many must stay healthy
 * @param currentHealthy     Ready pods not being deleted
 * @param disruptionsAllowed evictions the API server grants now
 * @param problem            why the controller cannot compute the budget (then no eviction is
 *                           granted), or null
 */
public record DisruptionBudget(
    PodDisruptionBudget pdb, List<Pod> pods, int expectedPods, int desiredHealthy, int currentHealthy,
    int disruptionsAllowed, String problem) {

  public ObjectRef ref() {
    return ObjectRef.of(pdb);
  }

  /**
   * The evictions this budget would grant with every pod it selects healthy: 0 means it hangs
   * every drain of a node running one of its pods (minAvailable at the replicas, maxUnavailable 0).
   */
  public int disruptionsAllowedWhenAllHealthy() {
    return problem != null || expectedPods <= 0 ? 0 : Math.max(0, pods.size() - desiredHealthy);
  }

  /** The unhealthy-pod eviction policy: AlwaysAllow, or the default IfHealthyBudget. */
  public boolean alwaysEvictsUnhealthy() {
    return pdb.getSpec() != null && "AlwaysAllow".equals(pdb.getSpec().getUnhealthyPodEvictionPolicy());
  }
}
