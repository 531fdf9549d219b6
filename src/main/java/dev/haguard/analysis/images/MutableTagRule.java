package dev.haguard.analysis.images;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.image.ImageReference;
import java.util.Set;

/**
 * {@code image-mutable-tag}: an image by a tag that moves ({@code latest} and the policy's
 * {@code mutableTags}) or by no tag at all, with no digest. {@code latest} turns the pull policy
 * to Always, makes "which version runs?" unanswerable and rollbacks impossible.
 */
public final class MutableTagRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Set<String> mutableTags = context.policy().mutableTags();
    for (WorkloadImages.Use use : context.images().uses()) {
      ImageReference ref = use.reference();
      if (ref == null || !ref.isMutable(mutableTags)) {
        continue;
      }
      String why = ref.tag() == null
          ? "has no tag, which Kubernetes reads as latest"
          : "uses the mutable tag \"" + ref.tag() + "\"";
      findings.report(RuleId.IMAGE_MUTABLE_TAG, use.workload(),
          use.workload() + " runs " + use.image() + ", which " + why + ": new pods may pull other content than"
              + " the running ones, nobody can say which version runs, and there is no version to roll back to.",
          "Pin it to a digest, " + ref.withDigest("sha256:<digest>") + " (better: a release tag plus digest), or run"
              + " `haguard pin -f <manifests>`; in Enforce mode haguard pins the digest the pods run.");
    }
  }
}
