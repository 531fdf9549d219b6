package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each object once: an object added twice (the same kind, namespace and name: two dumps of
 * one cluster) is kept once, the newer resourceVersion winning. Kubernetes holds one object of a
 * kind, namespace and name at a time; a new uid only says it was deleted and created again between
 * the dumps (a static pod's mirror, a StatefulSet's pod), and one without a uid (hand-written) is
 * the same object: keyed by uid, each counted twice (five etcd members of four, two nodes cp-1).
 */
final class ObjectSlots {
  private final Map<String, Slot> slots = new HashMap<>();
  private int merged;

  /** Where an object sits in its kind's list, and the resourceVersion it was read with. */
  private record Slot(int index, String resourceVersion) {}

  /** Adds {@code o} to {@code list}, or replaces the copy there when {@code o} is newer. */
  <T extends HasMetadata> boolean addOnce(List<T> list, T o) {
    String identity = identity(o);
    Slot slot = slots.get(identity);
    if (slot == null) {
      slots.put(identity, new Slot(list.size(), o.getMetadata().getResourceVersion()));
      return list.add(o);
    }
    merged++;
    if (isNewer(o.getMetadata().getResourceVersion(), slot.resourceVersion())) {
      list.set(slot.index(), o);
      slots.put(identity, new Slot(slot.index(), o.getMetadata().getResourceVersion()));
    }
    return true;
  }

  /** How many objects were added again (by identity) and merged into the one kept. */
  int merged() {
    return merged;
  }

  private static String identity(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  /** Numeric resourceVersions (etcd's revisions) compare as numbers; otherwise the later read wins. */
  private static boolean isNewer(String candidate, String kept) {
    try {
      return Long.parseLong(candidate) >= Long.parseLong(kept);
    } catch (NumberFormatException notNumbers) {
      return true;
    }
  }
}
