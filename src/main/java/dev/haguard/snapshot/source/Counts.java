package dev.haguard.snapshot.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The counts the analysis reads (replicas wanted and running) must be whole and not negative: the
 * API server never returns otherwise, so a file that does was damaged or hand-written wrong, and
 * a negative count would silently exempt a workload from the spread rules.
 */
final class Counts {
  private Counts() {}

  /** The first count of {@code o} that is negative, as {@code field = value}. */
  static Optional<String> negative(HasMetadata o) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (o instanceof Deployment d) {
      counts.put("spec.replicas", d.getSpec() == null ? null : d.getSpec().getReplicas());
      counts.put("status.replicas", d.getStatus() == null ? null : d.getStatus().getReplicas());
      counts.put("status.availableReplicas", d.getStatus() == null ? null : d.getStatus().getAvailableReplicas());
    } else if (o instanceof StatefulSet s) {
      counts.put("spec.replicas", s.getSpec() == null ? null : s.getSpec().getReplicas());
      counts.put("status.replicas", s.getStatus() == null ? null : s.getStatus().getReplicas());
      counts.put("status.availableReplicas", s.getStatus() == null ? null : s.getStatus().getAvailableReplicas());
    } else if (o instanceof ReplicaSet r) {
      counts.put("spec.replicas", r.getSpec() == null ? null : r.getSpec().getReplicas());
      counts.put("status.replicas", r.getStatus() == null ? null : r.getStatus().getReplicas());
      counts.put("status.availableReplicas", r.getStatus() == null ? null : r.getStatus().getAvailableReplicas());
    }
    return counts.entrySet().stream()
        .filter(e -> e.getValue() != null && e.getValue() < 0)
        .map(e -> e.getKey() + " = " + e.getValue())
        .findFirst();
  }
}
