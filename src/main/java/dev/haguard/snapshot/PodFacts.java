package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Map;

/** Small facts about pods that several rules need, read the same way everywhere. */
public final class PodFacts {
  private PodFacts() {}

  /** Whether the pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Whether the pod has finished (Succeeded or Failed) and so will not run again. */
  public static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Whether every entry of {@code selector} is among the pod's labels. */
  public static boolean matches(Pod pod, Map<String, String> selector) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null) {
      return selector.isEmpty();
    }
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  public static String nodeName(Pod pod) {
    return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
  }
}
