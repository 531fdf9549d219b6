package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.PodFacts;
import dev.haguard.analysis.volumes.VolumeZones;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Answers "what if zone X goes?" for every zone: quorum, apiservers, workloads, volumes. */
public final class ZoneLossSimulation {
  private ZoneLossSimulation() {}

  public static List<ZoneLoss> simulate(AnalysisContext context) {
    ZoneView zones = context.zones();
    Map<String, Integer> workloadsOnlyIn = workloadsWhollyInOneZone(context);
    Map<String, Integer> volumesIn = new HashMap<>();
    for (PersistentVolume pv : context.snapshot().persistentVolumes()) {
      Set<String> pvZones = VolumeZones.zonesOf(pv);
      if (pvZones.size() == 1) {
        volumesIn.merge(pvZones.iterator().next(), 1, Integer::sum);
      }
    }
    List<ZoneLoss> losses = new ArrayList<>();
    for (String zone : zones.zones()) {
      boolean quorumKept = !context.etcd().observable() || context.etcd().quorumKeptWithout(zone);
      int apiLeft = context.apiServers().leftWithout(zone);
      int down = workloadsOnlyIn.getOrDefault(zone, 0);
      losses.add(new ZoneLoss(zone, quorumKept, apiLeft, down, volumesIn.getOrDefault(zone, 0),
          quorumKept && apiLeft > 0 && down == 0));
    }
    return losses;
  }

  /**
   * Deployments and StatefulSets (outside excluded namespaces) whose every Ready pod sits in one
   * zone, counted per zone; DaemonSets run per node by nature and do not count.
   */
  static Map<String, Integer> workloadsWhollyInOneZone(AnalysisContext context) {
    Map<String, Integer> perZone = new HashMap<>();
    for (Workload w : context.snapshot().workloads()) {
      if (!(w.object() instanceof Deployment || w.object() instanceof StatefulSet)
          || !context.policy().workloadRulesApplyTo(w.ref().namespace())) {
        continue;
      }
      String onlyZone = onlyZoneOfReadyPods(w.pods(), context.zones());
      if (onlyZone != null) {
        perZone.merge(onlyZone, 1, Integer::sum);
      }
    }
    return perZone;
  }

  /** The single zone every Ready pod runs in; null when none is Ready, a zone is unknown, or there are several. */
  public static String onlyZoneOfReadyPods(List<Pod> pods, ZoneView zones) {
    String only = null;
    for (Pod pod : pods) {
      if (!PodFacts.isReady(pod)) {
        continue;
      }
      String zone = zones.zoneOfNode(PodFacts.nodeName(pod));
      if (zone == null || (only != null && !only.equals(zone))) {
        return null;
      }
      only = zone;
    }
    return only;
  }
}
