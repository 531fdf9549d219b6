package dev.haguard.analysis.volumes;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Where a zonal volume lives: it can attach only to nodes of these zones. */
public final class VolumeZones {
  /** Node-affinity and label keys that name a volume's zone, across the CSI drivers and in-tree plugins. */
  public static final List<String> ZONE_KEYS = List.of(
      "topology.kubernetes.io/zone",
      "failure-domain.beta.kubernetes.io/zone",
      "topology.ebs.csi.aws.com/zone",
      "topology.gke.io/zone",
      "topology.disk.csi.azure.com/zone");

  private VolumeZones() {}

  /**
   * An empty value names no zone: Azure's disk driver pins a disk made outside any zone to
   * {@code topology.disk.csi.azure.com/zone In [""]}, the label its non-zonal nodes carry.
   */
  private static boolean isZone(String value) {
    return value != null && !value.isEmpty();
  }

  /** The zones the PV can attach in; empty when it is not zonal (or says nothing). */
  public static Set<String> zonesOf(PersistentVolume pv) {
    Set<String> zones = new TreeSet<>();
    if (pv.getSpec() != null && pv.getSpec().getNodeAffinity() != null
        && pv.getSpec().getNodeAffinity().getRequired() != null
        && pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms() != null) {
      for (NodeSelectorTerm term : pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms()) {
        if (term.getMatchExpressions() == null) {
          continue;
        }
        for (NodeSelectorRequirement req : term.getMatchExpressions()) {
          if (ZONE_KEYS.contains(req.getKey()) && "In".equals(req.getOperator()) && req.getValues() != null) {
            req.getValues().stream().filter(VolumeZones::isZone).forEach(zones::add);
          }
        }
      }
    }
    if (zones.isEmpty()) {
      Map<String, String> labels = pv.getMetadata().getLabels();
      if (labels != null) {
        for (String key : ZONE_KEYS) {
          String value = labels.get(key);
          if (value != null) {
            // The legacy label lists several zones joined by "__" for regional disks.
            Stream.of(value.split("__")).filter(VolumeZones::isZone).forEach(zones::add);
          }
        }
      }
    }
    return zones;
  }
}
