package dev.haguard.analysis.disruption;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.LabelSelectors;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/** {@code pdb-selects-nothing}: a PDB whose selector matches no pod of its namespace protects nothing. */
public final class PdbSelectsNothingRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (DisruptionBudget b : context.disruptionBudgets().all()) {
      if (!b.pods().isEmpty() || !context.policy().workloadRulesApplyTo(b.ref().namespace())) {
        continue;
      }
      String selector = b.pdb().getSpec() == null ? "<none>" : LabelSelectors.describe(b.pdb().getSpec().getSelector());
      findings.report(RuleId.PDB_SELECTS_NOTHING, b.ref(),
          b.ref() + " selects no pod in namespace " + b.ref().namespace() + " (selector " + selector
              + "): it protects nothing from evictions",
          "Set spec.selector to the labels of the workload's pod template (kubectl get deploy NAME -o"
              + " jsonpath='{.spec.template.metadata.labels}'), or delete the PDB if the workload is gone");
    }
  }
}
