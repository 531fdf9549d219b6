package dev.haguard.analysis.images;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.image.ArchitectureCoverage;
import dev.haguard.snapshot.RegistryAnswer;
import io.fabric8.kubernetes.api.model.Node;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code image-arch-missing}: a multi-arch image whose index lacks the architecture of a node the
 * workload can land on: a pod rescheduled there fails with "exec format error". Only indexes are
 * judged (a single-platform manifest does not say its architecture), and a workload whose
 * nodeSelector pins {@code kubernetes.io/arch} is judged against that architecture alone.
 */
public final class ArchMissingRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Set<String> clusterArchs = schedulableArchitectures(context);
    for (WorkloadImages.Use use : context.images().uses()) {
      RegistryAnswer answer = context.snapshot().registryAnswer(use.image()).orElse(null);
      if (answer == null || answer.isFailure()) {
        continue;
      }
      Set<String> archs = use.requiredArch() != null ? Set.of(use.requiredArch()) : clusterArchs;
      Set<String> missing = ArchitectureCoverage.missing(answer.platforms(), archs);
      if (!missing.isEmpty()) {
        findings.report(RuleId.IMAGE_ARCH_MISSING, use.workload(),
            use.image() + " (used by " + use.workload() + ") has no linux image for " + String.join(", ", missing)
                + ", yet nodes of that architecture can run it: a pod scheduled there will not start.",
            "Publish the image for " + String.join(", ", missing) + ", or keep the workload off those nodes"
                + " (nodeSelector kubernetes.io/arch).");
      }
    }
  }

  private static Set<String> schedulableArchitectures(AnalysisContext context) {
    Set<String> archs = new TreeSet<>();
    for (Node node : context.snapshot().nodes()) {
      Map<String, String> labels = node.getMetadata().getLabels();
      if (labels != null && labels.get(WorkloadImages.ARCH_LABEL) != null && ZoneView.isSchedulable(node)) {
        archs.add(labels.get(WorkloadImages.ARCH_LABEL));
      }
    }
    return archs;
  }
}
