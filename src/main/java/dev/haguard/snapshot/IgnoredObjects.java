package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code haguard.dev/ignore: "true"} annotation: an annotated object is left out of the snapshot,
 * and so is what it controls, so that every rule skips them.
 */
final class IgnoredObjects {
  private final Set<String> uids = new HashSet<>();

  /** True when {@code o} is annotated to be ignored; its uid is remembered for its descendants. */
  boolean skip(HasMetadata o) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    if (annotations == null || !"true".equals(annotations.get(ClusterSnapshot.IGNORE_ANNOTATION))) {
      return false;
    }
    if (o.getMetadata().getUid() != null) {
      uids.add(o.getMetadata().getUid());
    }
    return true;
  }

  /**
   * An ignored Deployment's ReplicaSets and pods are ignored too (and a CronJob's Jobs and their
   * pods): otherwise the rules would report them under the very owner the user asked to skip.
   */
  void dropDescendants(List<? extends HasMetadata> replicaSets, List<? extends HasMetadata> jobs, List<Pod> pods) {
    if (uids.isEmpty()) {
      return;
    }
    for (List<? extends HasMetadata> middle : List.of(replicaSets, jobs)) {
      middle.removeIf(o -> {
        boolean ignored = controlledByIgnored(o);
        if (ignored && o.getMetadata().getUid() != null) {
          uids.add(o.getMetadata().getUid());
        }
        return ignored;
      });
    }
    pods.removeIf(this::controlledByIgnored);
  }

  private boolean controlledByIgnored(HasMetadata o) {
    return ClusterSnapshot.controllerOf(o).map(r -> uids.contains(r.getUid())).orElse(false);
  }
}
