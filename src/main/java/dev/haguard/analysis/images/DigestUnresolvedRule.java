package dev.haguard.analysis.images;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.RegistryAnswer;

/**
 * {@code image-digest-unresolved}: haguard asked the registry for an image's digest (to pin it) and
 * got no usable answer. Nothing is changed for that image; the next reconcile asks again.
 */
public final class DigestUnresolvedRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (WorkloadImages.Use use : context.images().uses()) {
      context.snapshot().registryAnswer(use.image()).filter(RegistryAnswer::isFailure).ifPresent(answer ->
          findings.report(RuleId.IMAGE_DIGEST_UNRESOLVED, use.workload(),
              "The registry did not give a digest for " + use.image() + " used by " + use.workload() + ": "
                  + answer.failure() + ". The image is left as it is and asked for again later.",
              "Check that the registry is reachable from the operator and that the workload's imagePullSecrets"
                  + " (or its ServiceAccount's) grant pull access; for a private CA set the registry CA bundle."));
    }
  }
}
