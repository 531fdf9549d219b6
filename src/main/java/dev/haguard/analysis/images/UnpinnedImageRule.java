package dev.haguard.analysis.images;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.image.ImageReference;

/**
 * {@code image-not-pinned}: an image by a version tag but no digest. Tags can be pushed again, so
 * the same manifest can run different content; the mutable tags are {@code image-mutable-tag}'s.
 */
public final class UnpinnedImageRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (WorkloadImages.Use use : context.images().uses()) {
      ImageReference ref = use.reference();
      if (ref == null || ref.isPinned() || ref.isMutable(context.policy().mutableTags())) {
        continue;
      }
      findings.report(RuleId.IMAGE_NOT_PINNED, use.workload(),
          use.workload() + " runs " + use.image() + " by tag only: if the tag is pushed again, new pods run"
              + " different content than the ones already running.",
          "Pin it as " + ref.withDigest("sha256:<digest>") + ", or run `haguard pin -f <manifests>`"
              + " (images.pinScope All pins these in Enforce mode).");
    }
  }
}
