package dev.haguard.analysis.zones;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which node is in which zone, computed once per analysis. */
public final class ZoneView {
  private static final Set<String> CONTROL_PLANE_LABELS =
      Set.of("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master");
  /** The prefix of the labels AKS puts on its nodes ({@code kubernetes.azure.com/cluster}, {@code .../agentpool}). */
  private static final String AZURE_LABEL_PREFIX = "kubernetes.azure.com/";

  private final Map<String, String> zoneByNode = new HashMap<>();
  private final SortedMap<String, Integer> nodesPerZone = new TreeMap<>();
  private final SortedMap<String, Integer> controlPlanePerZone = new TreeMap<>();
  private final SortedSet<String> schedulableZones = new TreeSet<>();
  private int unzonedNodes;
  private int unzonedControlPlaneNodes;

  private ZoneView(ClusterSnapshot snapshot, Policy policy) {
    for (Node node : snapshot.nodes()) {
      String zone = zoneOf(node, policy.zoneTopologyKey());
      if (zone == null) {
        unzonedNodes++;
        if (isControlPlane(node)) {
          unzonedControlPlaneNodes++;
        }
        continue;
      }
      zoneByNode.put(node.getMetadata().getName(), zone);
      nodesPerZone.merge(zone, 1, Integer::sum);
      if (isControlPlane(node)) {
        controlPlanePerZone.merge(zone, 1, Integer::sum);
      }
      if (isSchedulable(node)) {
        schedulableZones.add(zone);
      }
    }
  }

  public static ZoneView of(ClusterSnapshot snapshot, Policy policy) {
    return new ZoneView(snapshot, policy);
  }

  /**
   * The node's zone from {@code topologyKey}, else from the legacy label; null when it has neither,
   * or when the value is an Azure fault domain: AKS labels a node outside any availability zone
   * with its fault domain, a bare number ("0", "1"), where real zones read {@code <region>-<n>}.
   */
  public static String zoneOf(Node node, String topologyKey) {
    Map<String, String> labels = node.getMetadata().getLabels();
    if (labels == null) {
      return null;
    }
    String zone = labels.get(topologyKey);
    if (zone == null || zone.isEmpty()) {
      zone = labels.get(Policy.LEGACY_ZONE_LABEL);
    }
    return zone == null || zone.isEmpty() || isAzureFaultDomain(zone, labels) ? null : zone;
  }

  private static boolean isAzureFaultDomain(String zone, Map<String, String> labels) {
    return zone.chars().allMatch(c -> c >= '0' && c <= '9')
        && labels.keySet().stream().anyMatch(key -> key.startsWith(AZURE_LABEL_PREFIX));
  }

  public static boolean isControlPlane(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null && CONTROL_PLANE_LABELS.stream().anyMatch(labels::containsKey);
  }

  /** Whether ordinary workloads can land on the node: not cordoned, no NoSchedule/NoExecute taint. */
  public static boolean isSchedulable(Node node) {
    if (node.getSpec() == null) {
      return true;
    }
    if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return false;
    }
    if (node.getSpec().getTaints() == null) {
      return true;
    }
    for (Taint t : node.getSpec().getTaints()) {
      if ("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())) {
        return false;
      }
    }
    return true;
  }

  /** The zone of the named node; null when the node is unknown or carries no zone. */
  public String zoneOfNode(String nodeName) {
    return nodeName == null ? null : zoneByNode.get(nodeName);
  }

  public SortedSet<String> zones() {
    return new TreeSet<>(nodesPerZone.keySet());
  }

  public SortedMap<String, Integer> nodesPerZone() {
    return nodesPerZone;
  }

  public SortedMap<String, Integer> controlPlanePerZone() {
    return controlPlanePerZone;
  }

  /** Zones with at least one node where ordinary workloads can be scheduled. */
  public SortedSet<String> schedulableZones() {
    return schedulableZones;
  }

  /** Nodes with no zone label at all. */
  public int unzonedNodes() {
    return unzonedNodes;
  }

  /** Control-plane nodes with no zone label at all. */
  public int unzonedControlPlaneNodes() {
    return unzonedControlPlaneNodes;
  }

  /**
   * The zones section: {@code riskiest} the node losses shown, {@code moreRisky} how many more there
   * are (absent when none), {@code unsurvivable} how many node losses in all are not survivable.
   */
  public ClusterPolicyStatus.Zones toStatus(List<ClusterPolicyStatus.ZoneLoss> lossSimulation,
      List<ClusterPolicyStatus.NodeLoss> riskiest, int moreRisky, int unsurvivable) {
    return new ClusterPolicyStatus.Zones(nodesPerZone.size(), nodesPerZone, controlPlanePerZone, lossSimulation,
        riskiest.isEmpty() ? null : riskiest, moreRisky > 0 ? moreRisky : null, unsurvivable);
  }
}
