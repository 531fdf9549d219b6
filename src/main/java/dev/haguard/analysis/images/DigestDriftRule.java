package dev.haguard.analysis.images;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.pods.PodOwnership;
import dev.haguard.image.ImageReference;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code image-digest-drift}: the running pods of one workload run different digests for the same
 * image reference. The tag moved between pulls, so the cluster runs versions nobody chose.
 */
public final class DigestDriftRule implements Rule {
  /** Finished pods ran what they ran: history, not drift. */
  private static final Predicate<Pod> RUNNING = pod -> !PodFacts.isFinished(pod);

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (Workload workload : context.snapshot().workloads()) {
      // A static pod is its own workload: there are no sibling pods to drift from.
      if (workload.pods().size() < 2 || PodOwnership.isNodeOwned(workload)
          || !context.policy().workloadRulesApplyTo(workload.ref().namespace())) {
        continue;
      }
      if (!RunningDigests.mayDiffer(workload.pods(), RUNNING)) {
        continue;
      }
      Map<String, SortedMap<String, Integer>> digests = RunningDigests.of(workload.pods(), RUNNING);
      for (Map.Entry<String, SortedMap<String, Integer>> e : new TreeMap<>(digests).entrySet()) {
        if (e.getValue().size() > 1) {
          report(findings, workload, e.getKey(), e.getValue());
        }
      }
    }
  }

  private static void report(Findings findings, Workload workload, String image, SortedMap<String, Integer> counts) {
    String spread = counts.entrySet().stream()
        .map(c -> c.getKey() + " (" + c.getValue() + (c.getValue() == 1 ? " pod)" : " pods)"))
        .collect(Collectors.joining(", "));
    Optional<String> majority = RunningDigests.strictMajority(counts);
    String pinTo = ImageReference.tryParse(image)
        .map(ref -> ref.withDigest(majority.orElse("sha256:<the digest you tested>")))
        .orElse(image + "@sha256:<the digest you tested>");
    findings.report(RuleId.IMAGE_DIGEST_DRIFT, workload.ref(),
        workload.ref() + " runs " + image + " as " + counts.size() + " different digests: " + spread
            + ". The tag moved between pulls, so its pods run versions nobody chose.",
        "Pin the image to the digest you mean, " + pinTo + ", and roll out"
            + (majority.isPresent() ? " (that digest runs in most pods)" : "")
            + "; `haguard pin` or Enforce mode (images.pinSource Running) does this when one digest runs in a"
            + " strict majority.");
  }
}
