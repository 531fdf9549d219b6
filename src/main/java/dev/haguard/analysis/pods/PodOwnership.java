package dev.haguard.analysis.pods;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/** Who owns a pod, read the same way by every rule that names a pod's workload. */
public final class PodOwnership {
  /** The annotation the kubelet puts on the API mirror of a static pod. */
  public static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  private PodOwnership() {}

  /** A static pod: the kubelet runs it from a file on its node, so no controller is needed or possible. */
  public static boolean isStatic(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(MIRROR_ANNOTATION)) {
      return true;
    }
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners != null) {
      for (OwnerReference owner : owners) {
        if ("Node".equals(owner.getKind())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A pod nothing recreates: no controller owner, not static. Finished pods are the caller's concern. */
  public static boolean isBare(Pod pod) {
    // Read for every pod: the common case (a controller) answers from the owner list alone.
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners != null) {
      for (OwnerReference owner : owners) {
        if (Boolean.TRUE.equals(owner.getController())) {
          return false;
        }
      }
    }
    return !isStatic(pod);
  }

  /**
   * Whether the workload's pods are static pods grouped under their Node. Each such pod is its own
   * workload for findings: naming the Node would point at the wrong object.
   */
  public static boolean isNodeOwned(Workload workload) {
    return workload.object() == null && "Node".equals(workload.ref().kind());
  }

  /** The object a finding about {@code pod} names: its top-level workload, or the pod itself when Node-owned. */
  public static ObjectRef subject(Workload workload, Pod pod) {
    return isNodeOwned(workload) ? ObjectRef.of(pod) : workload.ref();
  }
}
