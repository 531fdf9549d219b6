package dev.haguard.analysis.disruption;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.LabelSelectors;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;

/**
 * {@code pdb-missing}: a Deployment or StatefulSet wanting 2 or more replicas that no PDB covers:
 * a drain may evict all its pods at once. Its pods are checked, or its template's labels when it has none.
 */
public final class PdbMissingRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    DisruptionBudgets budgets = context.disruptionBudgets();
    for (Workload w : context.snapshot().workloads()) {
      Integer replicas = w.desiredReplicas();
      if (replicas == null || replicas < 2 || !ZoneLossSimulation.isSpreadWorkload(w, context.policy())) {
        continue;
      }
      boolean covered = w.pods().isEmpty() ? templateCovered(w, context)
          : w.pods().stream().anyMatch(p -> !budgets.covering(p).isEmpty());
      if (!covered) {
        findings.report(RuleId.PDB_MISSING, w.ref(),
            w.ref() + " wants " + replicas + " replicas and no PodDisruptionBudget covers its pods:"
                + " kubectl drain may evict them all at once",
            "Add a PodDisruptionBudget selecting its pods with maxUnavailable: 1");
      }
    }
  }

  private static boolean templateCovered(Workload w, AnalysisContext context) {
    Map<String, String> labels = w.template().map(t -> t.getMetadata() == null ? null : t.getMetadata().getLabels())
        .orElse(null);
    for (PodDisruptionBudget pdb : context.snapshot().podDisruptionBudgets()) {
      if (pdb.getSpec() != null && w.ref().namespace().equals(pdb.getMetadata().getNamespace())
          && LabelSelectors.matches(pdb.getSpec().getSelector(), labels)) {
        return true;
      }
    }
    return false;
  }
}
