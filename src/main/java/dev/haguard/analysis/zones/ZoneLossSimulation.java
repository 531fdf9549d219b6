package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.apiserver.ApiServerView;
import dev.haguard.analysis.etcd.EtcdView;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Answers "what if zone X goes?" for every zone: quorum, apiservers, workloads (named), volumes.
 * An etcd the snapshot does not show leaves quorum unknown (etcd-not-observed says why); an
 * apiserver it does not show is assumed to survive. A zone is unsurvivable only for what haguard
 * flags at warning or above: a 1-replica workload counts only when workload-single-replica is raised.
 */
public final class ZoneLossSimulation {
  /** What the loss table says under a 2-zone cluster whose etcd loses quorum with a zone. */
  public static final String TWO_ZONES_NOTE = "with 2 zones no etcd layout survives the loss of the zone holding the"
      + " majority: a third zone (or a witness member outside these two) is needed";

  private ZoneLossSimulation() {}

  public static List<ZoneLoss> simulate(AnalysisContext context) {
    EtcdView etcd = context.etcd();
    ApiServerView apiServers = context.apiServers();
    boolean twoZones = context.zones().zones().size() == 2;
    List<ZoneLoss> losses = new ArrayList<>();
    for (String zone : context.zones().zones()) {
      Boolean quorumKept = etcd.observable() ? etcd.quorumKeptWithout(zone) : null;
      Integer apiLeft = apiServers.leftWithout(zone);
      List<WorkloadDown> down = workloadsDownWith(context, zone);
      int notSpread = (int) down.stream().filter(w -> w.reason() == DownReason.NOT_SPREAD).count();
      int singleReplica = down.size() - notSpread;
      int stranded = context.strandedVolumes().losingZone(zone);
      // A zone that holds every node leaves nothing to run on, whatever else the figures say.
      boolean everyNode = context.zones().nodesPerZone().get(zone) == context.snapshot().nodes().size();
      boolean survivable = LossVerdict.survivable(context, quorumKept, apiLeft, RuleId.WORKLOAD_ZONE_SPOF,
          notSpread, singleReplica, stranded > 0 || everyNode);
      String note = twoZones && Boolean.FALSE.equals(quorumKept) ? TWO_ZONES_NOTE : null;
      losses.add(new ZoneLoss(zone, quorumKept, apiLeft, notSpread, singleReplica, stranded,
          survivable, down.isEmpty() ? null : down, null, note));
    }
    return losses;
  }

  /** The spread workloads every Ready pod of which runs in {@code zone}, in workload order. */
  private static List<WorkloadDown> workloadsDownWith(AnalysisContext context, String zone) {
    List<WorkloadDown> down = new ArrayList<>();
    for (OneZoneWorkload w : context.oneZoneWorkloads()) {
      if (w.zone().equals(zone)) {
        Integer wanted = w.workload().desiredReplicas();
        down.add(new WorkloadDown(w.workload().ref().kind(), w.workload().ref().namespace(),
            w.workload().ref().name(), 0, wanted == null ? 0 : wanted, reasonOf(w.workload())));
      }
    }
    return down;
  }

  /** A workload wanting 2 replicas or more is a spread problem when one zone holds them all; else it has one replica. */
  public static DownReason reasonOf(Workload w) {
    Integer wanted = w.desiredReplicas();
    return wanted != null && wanted >= 2 ? DownReason.NOT_SPREAD : DownReason.SINGLE_REPLICA;
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
      String onlyZone = onlyDomainOfReadyPods(w.pods(), zones::zoneOfNode);
      if (onlyZone != null) {
        found.add(new OneZoneWorkload(w, onlyZone));
      }
    }
    return found;
  }

  /**
   * The one failure domain every Ready pod runs in: {@code domainOfNode} maps a pod's node to its
   * zone, or to the node itself. Null when no pod is Ready, a domain is unknown, or there are
   * several. The zone and node loss tables and the zone and node SPOF rules all ask this.
   */
  public static String onlyDomainOfReadyPods(List<Pod> pods, UnaryOperator<String> domainOfNode) {
    String only = null;
    for (Pod pod : pods) {
      if (!PodFacts.isReady(pod)) {
        continue;
      }
      String nodeName = PodFacts.nodeName(pod);
      String domain = nodeName == null ? null : domainOfNode.apply(nodeName);
      if (domain == null || (only != null && !only.equals(domain))) {
        return null;
      }
      only = domain;
    }
    return only;
  }
}
