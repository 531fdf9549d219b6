package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.PodFacts;
import dev.haguard.analysis.apiserver.ApiServerView;
import dev.haguard.analysis.etcd.EtcdView;
import dev.haguard.analysis.volumes.VolumeZones;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
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

/**
 * Answers "what if zone X goes?" for every zone: quorum, apiservers, workloads, volumes. A
 * component the snapshot does not show (no etcd, no apiserver) is assumed to survive: haguard
 * reports what it knows, and says elsewhere that it cannot see the rest.
 */
public final class ZoneLossSimulation {
  private ZoneLossSimulation() {}

  public static List<ZoneLoss> simulate(AnalysisContext context) {
    EtcdView etcd = context.etcd();
    ApiServerView apiServers = context.apiServers();
    Map<String, Integer> workloadsOnlyIn = workloadsWhollyInOneZone(context);
    Map<String, Integer> volumesIn = new HashMap<>();
    for (PersistentVolume pv : context.snapshot().persistentVolumes()) {
      Set<String> pvZones = VolumeZones.zonesOf(pv);
      if (pvZones.size() == 1) {
        volumesIn.merge(pvZones.iterator().next(), 1, Integer::sum);
      }
    }
    List<ZoneLoss> losses = new ArrayList<>();
    for (String zone : context.zones().zones()) {
      boolean quorumKept = !etcd.observable() || etcd.quorumKeptWithout(zone);
      int apiLeft = apiServers.leftWithout(zone);
      int down = workloadsOnlyIn.getOrDefault(zone, 0);
      boolean apiKept = !apiServers.observable() || apiLeft > 0;
      losses.add(new ZoneLoss(zone, quorumKept, apiLeft, down, volumesIn.getOrDefault(zone, 0),
          quorumKept && apiKept && down == 0));
    }
    return losses;
  }

  /**
   * Whether a workload counts for zone spread: a Deployment or StatefulSet outside the excluded
   * namespaces. DaemonSets run per node by nature; Jobs finish.
   */
  public static boolean isSpreadWorkload(Workload w, Policy policy) {
    return (w.object() instanceof Deployment || w.object() instanceof StatefulSet)
        && policy.workloadRulesApplyTo(w.ref().namespace());
  }

  /** A spread workload whose every Ready pod runs in {@code zone}. */
  public record OneZoneWorkload(Workload workload, String zone) {}

  /**
   * The spread workloads whose every Ready pod runs in one zone, in workload order: read by the
   * zone-loss simulation and by {@code workload-zone-spof}, built once per analysis
   * ({@link AnalysisContext#oneZoneWorkloads()}) since it reads every pod.
   */
  public static List<OneZoneWorkload> oneZoneWorkloads(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    List<OneZoneWorkload> found = new ArrayList<>();
    for (Workload w : snapshot.workloads()) {
      if (!isSpreadWorkload(w, policy)) {
        continue;
      }
      String onlyZone = onlyZoneOfReadyPods(w.pods(), zones);
      if (onlyZone != null) {
        found.add(new OneZoneWorkload(w, onlyZone));
      }
    }
    return found;
  }

  /** Spread workloads whose every Ready pod sits in one zone, counted per zone. */
  private static Map<String, Integer> workloadsWhollyInOneZone(AnalysisContext context) {
    Map<String, Integer> perZone = new HashMap<>();
    for (OneZoneWorkload w : context.oneZoneWorkloads()) {
      perZone.merge(w.zone(), 1, Integer::sum);
    }
    return perZone;
  }

  /** The single zone every Ready pod runs in; null when none is Ready, a zone is unknown, or there are several. */
  private static String onlyZoneOfReadyPods(List<Pod> pods, ZoneView zones) {
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
