package dev.haguard.analysis.disruption;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/**
 * {@code pdb-blocks-drain}: a PDB that grants no eviction even with every pod it covers healthy
 * (minAvailable at or above the replicas, maxUnavailable 0): every drain or node upgrade of a node
 * running one of its pods hangs.
 */
public final class PdbBlocksDrainRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (DisruptionBudget b : context.disruptionBudgets().all()) {
      if (b.pods().isEmpty() || b.disruptionsAllowedWhenAllHealthy() > 0
          || !context.policy().workloadRulesApplyTo(b.ref().namespace())) {
        continue;
      }
      String why = b.problem() != null ? "its budget cannot be computed (" + b.problem() + ")"
          : "it wants " + b.desiredHealthy() + " of its " + b.pods().size() + " pod(s) healthy at all times";
      findings.report(RuleId.PDB_BLOCKS_DRAIN, b.ref(),
          b.ref() + " allows no eviction even with every pod healthy: " + why
              + "; kubectl drain and node upgrades hang on any node running one of its pods",
          "Leave room for one eviction: maxUnavailable: 1 (or minAvailable below the replicas), or scale the"
              + " workload up by one");
    }
  }
}
