package dev.haguard.analysis.disruption;

import dev.haguard.analysis.LabelSelectors;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every PDB's budget, computed as Kubernetes' disruption controller does
 * (pkg/controller/disruption): an integer minAvailable counts the selected pods; a percentage
 * minAvailable and any maxUnavailable are taken of the replicas the pods' controllers want, rounded
 * up; disruptionsAllowed = healthy - desiredHealthy, never below 0. Pods without a controller are
 * left out of the scale; a controller with no scale (a DaemonSet, a Job) makes the budget grant nothing.
 */
public final class DisruptionBudgets {
  private final List<DisruptionBudget> budgets = new ArrayList<>();
  private final Map<Pod, List<DisruptionBudget>> byPod = new IdentityHashMap<>();

  private DisruptionBudgets(ClusterSnapshot snapshot, Predicate<Pod> gone) {
    if (snapshot.podDisruptionBudgets().isEmpty()) {
      return;
    }
    Map<Pod, Workload> workloadOf = new IdentityHashMap<>();
    Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    for (Workload w : snapshot.workloads()) {
      for (Pod pod : w.pods()) {
        workloadOf.put(pod, w);
        if (!PodFacts.isFinished(pod)) {
          podsByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ArrayList<>()).add(pod);
        }
      }
    }
    for (PodDisruptionBudget pdb : snapshot.podDisruptionBudgets()) {
      List<Pod> selected = new ArrayList<>();
      if (pdb.getSpec() != null) {
        for (Pod pod : podsByNamespace.getOrDefault(pdb.getMetadata().getNamespace(), List.of())) {
          if (LabelSelectors.matches(pdb.getSpec().getSelector(), pod.getMetadata().getLabels())) {
            selected.add(pod);
          }
        }
      }
      DisruptionBudget budget = compute(pdb, selected, workloadOf, gone);
      budgets.add(budget);
      for (Pod pod : selected) {
        byPod.computeIfAbsent(pod, k -> new ArrayList<>(1)).add(budget);
      }
    }
  }

  public static DisruptionBudgets of(ClusterSnapshot snapshot) {
    return new DisruptionBudgets(snapshot, pod -> false);
  }

  /** The budgets once the pods {@code gone} tests true for have gone (with a lost node): they count as unhealthy. */
  public static DisruptionBudgets after(ClusterSnapshot snapshot, Predicate<Pod> gone) {
    return new DisruptionBudgets(snapshot, gone);
  }

  public List<DisruptionBudget> all() {
    return budgets;
  }

  /** The budgets whose selector matches {@code pod}: more than one makes every eviction of it fail. */
  public List<DisruptionBudget> covering(Pod pod) {
    return byPod.getOrDefault(pod, List.of());
  }

  private static DisruptionBudget compute(
      PodDisruptionBudget pdb, List<Pod> pods, Map<Pod, Workload> workloadOf, Predicate<Pod> gone) {
    PodDisruptionBudgetSpec spec = pdb.getSpec();
    int healthy = (int) pods.stream()
        .filter(p -> PodFacts.isReady(p) && p.getMetadata().getDeletionTimestamp() == null && !gone.test(p)).count();
    IntOrString maxUnavailable = spec == null ? null : spec.getMaxUnavailable();
    IntOrString minAvailable = spec == null ? null : spec.getMinAvailable();
    int expected = 0;
    int desired = 0;
    String problem = null;
    try {
      if (maxUnavailable != null || minAvailable != null && minAvailable.getIntVal() == null) {
        Scale scale = scaleOf(pods, workloadOf);
        expected = scale.replicas();
        problem = scale.problem();
        desired = maxUnavailable != null
            ? Math.max(0, expected - scaled(maxUnavailable, expected))
            : scaled(minAvailable, expected);
      } else if (minAvailable != null) {
        expected = pods.size();
        desired = minAvailable.getIntVal();
      }
    } catch (NumberFormatException e) {
      problem = "minAvailable or maxUnavailable is neither an integer nor a percentage";
    }
    int allowed = problem != null || expected <= 0 ? 0 : Math.max(0, healthy - desired);
    return new DisruptionBudget(pdb, List.copyOf(pods), expected, desired, healthy, allowed, problem);
  }

  /**
   * An integer, or a percentage of {@code total} rounded up (intstr.GetScaledValueFromIntOrPercent
   * with roundUp, as the controller calls it for both fields).
   */
  static int scaled(IntOrString value, int total) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String s = value.getStrVal() == null ? "" : value.getStrVal().trim();
    if (!s.endsWith("%")) {
      throw new NumberFormatException("not a percentage: " + s);
    }
    int percent = Integer.parseInt(s.substring(0, s.length() - 1));
    return (int) Math.ceil(percent * (double) total / 100.0);
  }

  private record Scale(int replicas, String problem) {}

  /** The replicas wanted by the controllers of {@code pods}, each controller counted once. */
  private static Scale scaleOf(List<Pod> pods, Map<Pod, Workload> workloadOf) {
    Set<Workload> controllers = new LinkedHashSet<>();
    for (Pod pod : pods) {
      Workload w = workloadOf.get(pod);
      if (w != null && !w.isBarePod()) {
        controllers.add(w);
      }
    }
    int replicas = 0;
    for (Workload w : controllers) {
      Integer wanted = w.desiredReplicas();
      if (wanted == null && w.object() instanceof ReplicaSet rs && rs.getSpec() != null) {
        wanted = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
      }
      if (wanted == null) {
        return new Scale(0, "pods of " + w.ref() + " have no scale to take a percentage or maxUnavailable of");
      }
      replicas += wanted;
    }
    return new Scale(replicas, null);
  }
}
