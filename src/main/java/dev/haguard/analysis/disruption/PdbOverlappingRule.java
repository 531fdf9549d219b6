package dev.haguard.analysis.disruption;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;

/**
 * {@code pdb-overlapping}: pods covered by two or more PDBs; the eviction API refuses to evict them
 * outright, so a drain hangs. Named once per workload.
 */
public final class PdbOverlappingRule implements Rule {
  private static final Comparator<Pod> BY_NAME = Comparator.comparing(p -> p.getMetadata().getName());

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    DisruptionBudgets budgets = context.disruptionBudgets();
    if (budgets.all().size() < 2) {
      return;
    }
    for (Workload w : context.snapshot().workloads()) {
      if (!context.policy().workloadRulesApplyTo(w.ref().namespace())) {
        continue;
      }
      // The first pod by name and the PDBs by name: the finding must not depend on the order in which
      // a file or an informer cache hands the objects over.
      for (Pod pod : w.pods().stream().sorted(BY_NAME).toList()) {
        List<DisruptionBudget> covering = budgets.covering(pod);
        if (covering.size() > 1) {
          List<String> names = covering.stream().map(b -> b.pdb().getMetadata().getName()).sorted().toList();
          findings.report(RuleId.PDB_OVERLAPPING, w.ref(),
              w.ref() + ": pod " + pod.getMetadata().getName() + " is covered by " + covering.size() + " PDBs "
                  + names + "; the eviction API refuses to evict such a pod, so drains hang",
              "Keep one PDB per set of pods: delete or narrow the selectors of all but one of " + names);
          break;
        }
      }
    }
  }
}
