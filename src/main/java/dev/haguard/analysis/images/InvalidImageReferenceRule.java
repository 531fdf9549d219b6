package dev.haguard.analysis.images;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/**
 * {@code image-invalid-reference}: an image string the kubelet refuses with InvalidImageName, so
 * the pods never start. Reported, never a crash of the analysis.
 */
public final class InvalidImageReferenceRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (WorkloadImages.Use use : context.images().uses()) {
      if (use.invalidReason() == null) {
        continue;
      }
      findings.report(RuleId.IMAGE_INVALID_REFERENCE, use.workload(),
          use.workload() + " asks for image \"" + use.image() + "\", which is not a valid reference ("
              + use.invalidReason() + "): the kubelet refuses it with InvalidImageName and the pods never start.",
          "Write the image as [registry[:port]/]repository[:tag][@sha256:<64 hex>], with a lower-case repository.");
    }
  }
}
