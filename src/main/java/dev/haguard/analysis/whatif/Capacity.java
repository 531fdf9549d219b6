package dev.haguard.analysis.whatif;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory as the scheduler sums them: a pod requests the sum of its containers' requests
 * (or the largest init container's, if more), plus its overhead; a node offers its allocatable.
 * Sums only: whether the pods would fit node by node (bin-packing) is not judged.
 *
 * @param cpu    cores
 * @param memory bytes
 */
record Capacity(double cpu, double memory) {
  static final Capacity NONE = new Capacity(0, 0);

  Capacity plus(Capacity o) {
    return new Capacity(cpu + o.cpu, memory + o.memory);
  }

  Capacity minus(Capacity o) {
    return new Capacity(cpu - o.cpu, memory - o.memory);
  }

  /** The first resource of {@code this} above {@code available}, or null when both fit. */
  String exceeding(Capacity available) {
    if (cpu > available.cpu) {
      return "cpu";
    }
    return memory > available.memory ? "memory" : null;
  }

  static Capacity requestedBy(Pod pod) {
    if (pod.getSpec() == null) {
      return NONE;
    }
    Capacity containers = NONE;
    for (Container c : pod.getSpec().getContainers() == null ? List.<Container>of() : pod.getSpec().getContainers()) {
      containers = containers.plus(of(c.getResources() == null ? null : c.getResources().getRequests()));
    }
    Capacity init = NONE;
    if (pod.getSpec().getInitContainers() != null) {
      for (Container c : pod.getSpec().getInitContainers()) {
        Capacity one = of(c.getResources() == null ? null : c.getResources().getRequests());
        init = new Capacity(Math.max(init.cpu, one.cpu), Math.max(init.memory, one.memory));
      }
    }
    Capacity total = new Capacity(Math.max(containers.cpu, init.cpu), Math.max(containers.memory, init.memory));
    return total.plus(of(pod.getSpec().getOverhead()));
  }

  /** The node's allocatable, or null when the snapshot does not say (then capacity is not judged). */
  static Capacity allocatableOf(Node node) {
    Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
    if (allocatable == null || !allocatable.containsKey("cpu") || !allocatable.containsKey("memory")) {
      return null;
    }
    return of(allocatable);
  }

  private static Capacity of(Map<String, Quantity> quantities) {
    if (quantities == null) {
      return NONE;
    }
    return new Capacity(amount(quantities.get("cpu")), amount(quantities.get("memory")));
  }

  private static double amount(Quantity q) {
    if (q == null) {
      return 0;
    }
    try {
      return q.getNumericalAmount().doubleValue();
    } catch (IllegalArgumentException | ArithmeticException unreadable) {
      // The API server never stores such a quantity; one from a hand-edited file counts as nothing.
      return 0;
    }
  }

  /** For messages: {@code 3.5 cpu} or {@code 12.0 GiB}. */
  static String describe(String resource, double amount) {
    return "cpu".equals(resource)
        ? String.format(java.util.Locale.ROOT, "%.2f cpu", amount)
        : String.format(java.util.Locale.ROOT, "%.1f GiB", amount / (1L << 30));
  }
}
