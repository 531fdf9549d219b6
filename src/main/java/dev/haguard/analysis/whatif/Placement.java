package dev.haguard.analysis.whatif;

import dev.haguard.analysis.LabelSelectors;
import dev.haguard.snapshot.PodFacts;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where displaced pods can go, judged at the level of the scheduler's constraints, one pod after
 * the other (so that the replacements placed so far count for anti-affinity and spread): the
 * node-only filters of {@link NodeFit}, the zones of the pod's volumes, required pod anti-affinity
 * and DoNotSchedule topology spread. Capacity is judged apart, as sums ({@link Capacity}).
 */
final class Placement {
  /** Pods that run on, and count in, a topology domain: the pods that stay, then the replacements placed. */
  private final Map<String, List<Pod>> stayingByNamespace;
  private final Map<Pod, Node> nodeOfPod;
  private final List<Node> targets;
  private final Collection<Node> remaining;
  private final Map<FitKey, List<Node>> fitting = new HashMap<>();
  private final Map<CountKey, Map<String, Integer>> counts = new HashMap<>();
  private final Map<String, Integer> placedPerNode = new HashMap<>();
  private final Map<List<Object>, List<String>> domains = new HashMap<>();
  private final Map<List<Object>, List<Node>> inZones = new HashMap<>();
  private final Map<List<Node>, Integer> turns = new IdentityHashMap<>();

  /**
   * @param staying   the pods that keep running, each with the node it runs on
   * @param targets   the nodes replacements may go to (neither lost nor drained)
   * @param remaining every node that still exists (drained ones too: their pods count for spread)
   */
  Placement(Map<Pod, Node> staying, List<Node> targets, Collection<Node> remaining) {
    this.targets = targets;
    this.remaining = remaining;
    stayingByNamespace = new HashMap<>();
    nodeOfPod = new IdentityHashMap<>(staying.size());
    staying.forEach((pod, node) -> {
      stayingByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ArrayList<>()).add(pod);
      nodeOfPod.put(pod, node);
    });
  }

  /** The nodes of {@code nodes} that {@code spec}'s nodeSelector, node affinity and tolerations allow. */
  static List<Node> fitting(PodSpec spec, List<Node> nodes) {
    return nodes.stream().filter(n -> NodeFit.misfit(spec, n, true) == null).toList();
  }

  /**
   * Whether a pod whose zonal volumes attach only in {@code zones} (empty: none) strands them: some
   * node it could run on is left ({@code candidates} of them), but none in those zones.
   */
  static boolean strands(Set<String> zones, int candidates, int candidatesInZones) {
    return !zones.isEmpty() && candidates > 0 && candidatesInZones == 0;
  }

  /** Whether {@code zone} (null for a node without one, which no zonal volume attaches to) is one of {@code zones}. */
  static boolean isIn(Set<String> zones, String zone) {
    return zone != null && zones.contains(zone); // TreeSet.contains(null) throws
  }

  /** A node for {@code pod} among those allowed by {@code zones} (empty: any), or why none fits. */
  Result place(Pod pod, Set<String> zones, Function<Node, String> zoneOf) {
    PodSpec spec = pod.getSpec();
    FitKey fitKey = FitKey.of(spec);
    List<Node> candidates = fitting.computeIfAbsent(fitKey, k -> fitting(spec, targets));
    if (candidates.isEmpty()) {
      return Result.none(targets.isEmpty() ? "no node is left to run it"
          : "no node left matches its nodeSelector, node affinity and tolerations"
              + firstMisfit(spec));
    }
    // Keyed by what selects the candidates, not by the list: hashing thousands of Nodes per pod costs seconds.
    List<Node> inZone = zones.isEmpty() ? candidates : inZones.computeIfAbsent(List.of(fitKey, zones),
        k -> candidates.stream().filter(n -> isIn(zones, zoneOf.apply(n))).toList());
    if (strands(zones, candidates.size(), inZone.size())) {
      return Result.stranded("its volume attaches only in " + String.join(",", zones)
          + ", where no node it can run on is left");
    }
    String ns = pod.getMetadata().getNamespace();
    if (hardSpread(spec).isEmpty() && requiredAntiAffinity(spec).isEmpty()) {
      // Nothing but the nodes themselves constrains it: take the fitting nodes in turn.
      int turn = turns.merge(inZone, 1, Integer::sum) - 1;
      Node next = inZone.get(turn % inZone.size());
      record(pod, next);
      return Result.on(next);
    }
    List<Spread> spread = hardSpread(spec).stream().map(c -> spreadOf(c, ns, spec)).toList();
    List<PodAffinityTerm> anti = requiredAntiAffinity(spec);
    Node best = null;
    int bestScore = Integer.MAX_VALUE;
    String why = null;
    for (Node node : inZone) {
      String blocked = antiAffinityBlocks(anti, ns, node);
      if (blocked == null) {
        blocked = spreadBlocks(spread, node);
      }
      if (blocked != null) {
        why = why == null ? blocked : why;
        continue;
      }
      // Prefer the emptiest spread domain, then the node given the fewest replacements so far.
      int score = spreadScore(spread, node) * 1000 + placedPerNode.getOrDefault(node.getMetadata().getName(), 0);
      if (score < bestScore) {
        best = node;
        bestScore = score;
      }
    }
    if (best == null) {
      return Result.none(why);
    }
    record(pod, best);
    return Result.on(best);
  }

  private String firstMisfit(PodSpec spec) {
    return targets.isEmpty() ? "" : " (" + targets.get(0).getMetadata().getName() + ": "
        + NodeFit.misfit(spec, targets.get(0), true) + ")";
  }

  private void record(Pod pod, Node node) {
    placedPerNode.merge(node.getMetadata().getName(), 1, Integer::sum);
    nodeOfPod.put(pod, node);
    stayingByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ArrayList<>()).add(pod);
    Map<String, String> labels = pod.getMetadata().getLabels();
    counts.forEach((k, perDomain) -> {
      String domain = NodeFit.labels(node).get(k.topologyKey());
      if (domain != null && k.namespaces().contains(pod.getMetadata().getNamespace())
          && LabelSelectors.matches(k.selector(), labels)) {
        perDomain.merge(domain, 1, Integer::sum);
      }
    });
  }

  private String antiAffinityBlocks(List<PodAffinityTerm> terms, String ns, Node node) {
    for (PodAffinityTerm term : terms) {
      String domain = NodeFit.labels(node).get(term.getTopologyKey());
      if (domain == null) {
        continue;
      }
      Set<String> namespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty()
          ? Set.of(ns) : Set.copyOf(term.getNamespaces());
      if (count(new CountKey(namespaces, term.getLabelSelector(), term.getTopologyKey())).getOrDefault(domain, 0) > 0) {
        return "required pod anti-affinity on " + term.getTopologyKey() + " ("
            + LabelSelectors.describe(term.getLabelSelector()) + ") rules out every node left";
      }
    }
    return null;
  }

  /** A DoNotSchedule constraint with its counts per domain and the global minimum the skew is taken from. */
  private record Spread(TopologySpreadConstraint constraint, Map<String, Integer> perDomain, int min) {}

  private Spread spreadOf(TopologySpreadConstraint c, String ns, PodSpec spec) {
    Map<String, Integer> perDomain = count(new CountKey(Set.of(ns), c.getLabelSelector(), c.getTopologyKey()));
    List<String> domains = domainsOf(spec, c.getTopologyKey());
    int min = domains.stream().mapToInt(d -> perDomain.getOrDefault(d, 0)).min().orElse(0);
    int minDomains = c.getMinDomains() == null ? 1 : c.getMinDomains();
    return new Spread(c, perDomain, domains.size() < minDomains ? 0 : min);
  }

  private static String spreadBlocks(List<Spread> constraints, Node node) {
    for (Spread s : constraints) {
      TopologySpreadConstraint c = s.constraint();
      String domain = NodeFit.labels(node).get(c.getTopologyKey());
      if (domain == null) {
        return "topology spread on " + c.getTopologyKey() + ": no node left carries the key";
      }
      int maxSkew = c.getMaxSkew() == null ? 1 : c.getMaxSkew();
      if (s.perDomain().getOrDefault(domain, 0) + 1 - s.min() > maxSkew) {
        return "topology spread on " + c.getTopologyKey() + " (maxSkew " + maxSkew
            + ", DoNotSchedule) allows no node left";
      }
    }
    return null;
  }

  private static int spreadScore(List<Spread> constraints, Node node) {
    int score = 0;
    for (Spread s : constraints) {
      score += s.perDomain().getOrDefault(NodeFit.labels(node).get(s.constraint().getTopologyKey()), 0);
    }
    return score;
  }

  /** The domains a spread constraint sees: its key's values on the nodes left that pass the pod's node affinity. */
  private List<String> domainsOf(PodSpec spec, String topologyKey) {
    return domains.computeIfAbsent(List.of(FitKey.of(spec), topologyKey), k -> {
      Set<String> found = new LinkedHashSet<>();
      for (Node n : remaining) {
        String d = NodeFit.labels(n).get(topologyKey);
        if (d != null && NodeFit.misfit(spec, n, false) == null) {
          found.add(d);
        }
      }
      return List.copyOf(found);
    });
  }

  /** Matching pods per domain, counted once per selector and kept up to date as replacements are placed. */
  private Map<String, Integer> count(CountKey key) {
    return counts.computeIfAbsent(key, k -> {
      Map<String, Integer> perDomain = new HashMap<>();
      for (String ns : k.namespaces()) {
        for (Pod p : stayingByNamespace.getOrDefault(ns, List.of())) {
          if (!LabelSelectors.matches(k.selector(), p.getMetadata().getLabels())) {
            continue;
          }
          String domain = NodeFit.labels(nodeOfPod.get(p)).get(k.topologyKey());
          if (domain != null) {
            perDomain.merge(domain, 1, Integer::sum);
          }
        }
      }
      return perDomain;
    });
  }

  static List<TopologySpreadConstraint> hardSpread(PodSpec spec) {
    return spec.getTopologySpreadConstraints() == null ? List.of() : spec.getTopologySpreadConstraints().stream()
        .filter(c -> "DoNotSchedule".equals(c.getWhenUnsatisfiable()) && c.getTopologyKey() != null).toList();
  }

  static List<PodAffinityTerm> requiredAntiAffinity(PodSpec spec) {
    if (spec.getAffinity() == null || spec.getAffinity().getPodAntiAffinity() == null
        || spec.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return List.of();
    }
    return spec.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().stream()
        .filter(t -> t.getTopologyKey() != null).toList();
  }

  /** The node-only constraints of a pod spec: pods of one workload share one list of fitting nodes. */
  record FitKey(Map<String, String> nodeSelector, NodeAffinity nodeAffinity, List<Toleration> tolerations) {
    static FitKey of(PodSpec spec) {
      return new FitKey(spec.getNodeSelector(),
          spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity(), spec.getTolerations());
    }
  }

  private record CountKey(Set<String> namespaces, LabelSelector selector, String topologyKey) {}

  /** Where a pod went, or why it could not go anywhere (and whether its volume is why). */
  record Result(Node node, String reason, boolean volumeStranded) {
    static Result on(Node node) {
      return new Result(node, null, false);
    }

    static Result none(String reason) {
      return new Result(null, reason, false);
    }

    static Result stranded(String reason) {
      return new Result(null, reason, true);
    }
  }
}
