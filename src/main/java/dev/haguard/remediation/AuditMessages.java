package dev.haguard.remediation;

import dev.haguard.remediation.PlannedAction.NotRemediated;
import dev.haguard.remediation.PlannedAction.PinImage;
import dev.haguard.remediation.PlannedAction.RewriteBarePod;

/** What Enforce would do, in words, for the Planned actions Audit mode shows. */
final class AuditMessages {
  private AuditMessages() {}

  static String of(PlannedAction action) {
    if (action instanceof RewriteBarePod r) {
      StringBuilder sb = new StringBuilder("would hand bare pod ").append(r.pod().name())
          .append(" over to a Deployment with 1 replica, and delete the pod only once the Deployment is available");
      if (r.options().readWriteOnce()) {
        sb.append("; on the same node with the Recreate strategy (ReadWriteOnce volume)");
      }
      if (!r.options().digests().isEmpty()) {
        sb.append("; images pinned to the digests the pod runs");
      }
      return sb.toString();
    }
    if (action instanceof PinImage p) {
      String source = p.digest() instanceof DigestChoice.Known k
          ? ImagePin.pinned(p.currentImage(), k.digest()) + " (" + k.source() + ")"
          : "the digest the registry gives for its tag";
      return "would pin container " + p.container() + " (" + p.currentImage() + ") to " + source;
    }
    return ((NotRemediated) action).reason();
  }
}
