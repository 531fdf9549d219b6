package dev.haguard.analysis;

import dev.haguard.analysis.images.DigestDriftRule;
import dev.haguard.analysis.images.InvalidImageReferenceRule;
import dev.haguard.analysis.images.MutableTagRule;
import dev.haguard.analysis.images.UnpinnedImageRule;
import dev.haguard.analysis.pods.BarePodRule;
import dev.haguard.analysis.volumes.ImmediateBindingRule;
import dev.haguard.analysis.volumes.VolumeZoneConflictRule;
import java.util.List;

/** Every rule haguard runs, in one list. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static List<Rule> all() {
    return List.of(
        // workloads, images, volumes
        new VolumeZoneConflictRule(),
        new ImmediateBindingRule(),
        new MutableTagRule(),
        new UnpinnedImageRule(),
        new InvalidImageReferenceRule(),
        new DigestDriftRule(),
        new BarePodRule());
  }
}
