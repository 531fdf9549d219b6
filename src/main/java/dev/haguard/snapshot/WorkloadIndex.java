package dev.haguard.snapshot;

import dev.haguard.api.v1alpha1.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Groups every pod under its top-level owner, following controller references by uid, in one pass. */
final class WorkloadIndex {
  private WorkloadIndex() {}

  /**
   * @param controllers the objects that can control others, top-level kinds first (so that the
   *                    workloads come out in that order)
   * @param pods        every pod
   * @return the workloads by {@code kind/namespace/name}, in insertion order
   */
  static Map<String, Workload> build(List<List<? extends HasMetadata>> controllers, List<Pod> pods) {
    Map<String, HasMetadata> controllersByUid = new HashMap<>();
    for (List<? extends HasMetadata> kind : controllers) {
      for (HasMetadata o : kind) {
        if (o.getMetadata().getUid() != null) {
          controllersByUid.put(o.getMetadata().getUid(), o);
        }
      }
    }
    Map<String, Workload> workloads = new LinkedHashMap<>();
    for (List<? extends HasMetadata> kind : controllers) {
      for (HasMetadata o : kind) {
        if (ClusterSnapshot.controllerOf(o).isEmpty()) {
          workloads.put(keyOf(ObjectRef.of(o)), new Workload(ObjectRef.of(o), o));
        } else {
          topLevel(o, controllersByUid, workloads);
        }
      }
    }
    for (Pod pod : pods) {
      topLevel(pod, controllersByUid, workloads).pods().add(pod);
    }
    return workloads;
  }

  /** The workload at the top of {@code o}'s chain of controllers, created on first sight. */
  private static Workload topLevel(
      HasMetadata o, Map<String, HasMetadata> controllersByUid, Map<String, Workload> workloads) {
    HasMetadata current = o;
    // Kubernetes owner chains are short (Pod -> ReplicaSet -> Deployment); the bound guards against cycles.
    for (int depth = 0; depth < 8; depth++) {
      Optional<OwnerReference> owner = ClusterSnapshot.controllerOf(current);
      if (owner.isEmpty()) {
        break;
      }
      HasMetadata next = controllersByUid.get(owner.get().getUid());
      if (next == null) {
        ObjectRef ref = new ObjectRef(owner.get().getApiVersion(), owner.get().getKind(),
            current.getMetadata().getNamespace(), owner.get().getName());
        return workloads.computeIfAbsent(keyOf(ref), k -> new Workload(ref, null));
      }
      current = next;
    }
    HasMetadata top = current;
    return workloads.computeIfAbsent(keyOf(ObjectRef.of(top)), k -> new Workload(ObjectRef.of(top), top));
  }

  private static String keyOf(ObjectRef ref) {
    return ref.kind() + "/" + ref.namespace() + "/" + ref.name();
  }
}
