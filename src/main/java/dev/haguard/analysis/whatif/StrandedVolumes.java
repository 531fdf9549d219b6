package dev.haguard.analysis.whatif;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The zonal claims that losing each node, and each zone, strands: what {@code what-if --lose}
 * counts, for every node and zone in one pass over the pods. A pod's claim strands when nodes it
 * could run on are left but none in its volumes' zones; DaemonSet pods and bare pods never move.
 */
public final class StrandedVolumes {
  private final Map<String, Integer> byNode = new HashMap<>();
  private final Map<String, Integer> byZone = new HashMap<>();

  /** The names of the nodes a pod spec fits, anywhere and in its volumes' zones, and how many of each per zone. */
  private record Fits(Set<String> anywhere, Set<String> inZones, Map<String, Integer> anywhereByZone,
      Map<String, Integer> inZonesByZone) {
    static Fits of(List<Node> fitting, Set<String> zones, Function<Node, String> zoneOf) {
      Fits fits = new Fits(new HashSet<>(), new HashSet<>(), new HashMap<>(), new HashMap<>());
      for (Node n : fitting) {
        String zone = zoneOf.apply(n);
        fits.anywhere.add(n.getMetadata().getName());
        if (zone != null) {
          fits.anywhereByZone.merge(zone, 1, Integer::sum);
        }
        if (Placement.isIn(zones, zone)) {
          fits.inZones.add(n.getMetadata().getName());
          fits.inZonesByZone.merge(zone, 1, Integer::sum);
        }
      }
      return fits;
    }

    /** Whether {@code zones}' claims strand once {@code node} goes. */
    boolean strandWithoutNode(Set<String> zones, String node) {
      return Placement.strands(zones, anywhere.size() - (anywhere.contains(node) ? 1 : 0),
          inZones.size() - (inZones.contains(node) ? 1 : 0));
    }

    /** Whether {@code zones}' claims strand once every node of {@code zone} goes. */
    boolean strandWithoutZone(Set<String> zones, String zone) {
      return Placement.strands(zones, anywhere.size() - anywhereByZone.getOrDefault(zone, 0),
          inZones.size() - inZonesByZone.getOrDefault(zone, 0));
    }
  }

  private StrandedVolumes(AnalysisContext context) {
    ClusterSnapshot snapshot = context.snapshot();
    WhatIfSimulator simulator = new WhatIfSimulator(context);
    Map<List<Object>, Fits> fitsByKey = new HashMap<>();
    Function<Node, String> zoneOf = n -> context.zones().zoneOfNode(n.getMetadata().getName());
    for (Workload w : snapshot.workloads()) {
      if (w.object() instanceof DaemonSet || w.isBarePod()) {
        continue; // nothing moves a DaemonSet's pod; nothing recreates a bare one: no volume to strand
      }
      for (Pod pod : w.pods()) {
        String nodeName = PodFacts.nodeName(pod);
        if (nodeName == null || PodFacts.isFinished(pod) || pod.getSpec() == null) {
          continue;
        }
        Set<String> zones = new TreeSet<>();
        int claims = simulator.zonalClaims(pod, zones).size();
        if (claims == 0 || zones.isEmpty()) {
          continue;
        }
        // The nodes it fits, with the lost ones taken out by count: no copy of a 5,000-node list per pod.
        Fits fits = fitsByKey.computeIfAbsent(List.of(Placement.FitKey.of(pod.getSpec()), zones),
            k -> Fits.of(Placement.fitting(pod.getSpec(), snapshot.nodes()), zones, zoneOf));
        if (fits.strandWithoutNode(zones, nodeName)) {
          byNode.merge(nodeName, claims, Integer::sum);
        }
        String zone = context.zones().zoneOfNode(nodeName);
        if (zone != null && fits.strandWithoutZone(zones, zone)) {
          byZone.merge(zone, claims, Integer::sum);
        }
      }
    }
  }

  public static StrandedVolumes of(AnalysisContext context) {
    return new StrandedVolumes(context);
  }

  /** The claims losing {@code node} strands. */
  public int losingNode(String node) {
    return byNode.getOrDefault(node, 0);
  }

  /** The claims losing every node of {@code zone} strands. */
  public int losingZone(String zone) {
    return byZone.getOrDefault(zone, 0);
  }
}
