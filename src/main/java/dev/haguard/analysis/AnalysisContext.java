package dev.haguard.analysis;

import dev.haguard.analysis.apiserver.ApiServerView;
import dev.haguard.analysis.disruption.DisruptionBudgets;
import dev.haguard.analysis.etcd.EtcdView;
import dev.haguard.analysis.images.WorkloadImages;
import dev.haguard.analysis.pods.PodOwnership;
import dev.haguard.analysis.whatif.StrandedVolumes;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * What one analysis reads: the snapshot, the policy, and the views that several rules and the
 * status share, each computed once on first use.
 */
public final class AnalysisContext {
  private final ClusterSnapshot snapshot;
  private final Policy policy;
  private ZoneView zones;
  private EtcdView etcd;
  private ApiServerView apiServers;
  private WorkloadImages images;
  private List<ZoneLossSimulation.OneZoneWorkload> oneZoneWorkloads;
  private DisruptionBudgets disruptionBudgets;
  private List<Pod> barePods;
  private StrandedVolumes strandedVolumes;

  public AnalysisContext(ClusterSnapshot snapshot, Policy policy) {
    this.snapshot = snapshot;
    this.policy = policy;
  }

  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  public Policy policy() {
    return policy;
  }

  public ZoneView zones() {
    if (zones == null) {
      zones = ZoneView.of(snapshot, policy);
    }
    return zones;
  }

  public EtcdView etcd() {
    if (etcd == null) {
      etcd = EtcdView.of(snapshot, policy, zones());
    }
    return etcd;
  }

  public ApiServerView apiServers() {
    if (apiServers == null) {
      apiServers = ApiServerView.of(snapshot, policy, zones());
    }
    return apiServers;
  }

  /** The Deployments and StatefulSets whose every Ready pod runs in one zone, with that zone. */
  public List<ZoneLossSimulation.OneZoneWorkload> oneZoneWorkloads() {
    if (oneZoneWorkloads == null) {
      oneZoneWorkloads = ZoneLossSimulation.oneZoneWorkloads(snapshot, policy, zones());
    }
    return oneZoneWorkloads;
  }

  /** The zonal claims that losing each node, and each zone, strands. */
  public StrandedVolumes strandedVolumes() {
    if (strandedVolumes == null) {
      strandedVolumes = StrandedVolumes.of(this);
    }
    return strandedVolumes;
  }

  /** Every PDB's budget and the pods it covers, as the disruption controller computes them. */
  public DisruptionBudgets disruptionBudgets() {
    if (disruptionBudgets == null) {
      disruptionBudgets = DisruptionBudgets.of(snapshot);
    }
    return disruptionBudgets;
  }

  /**
   * The pods nothing recreates ({@link PodOwnership#isBare}), not finished, in namespaces the
   * workload rules cover, in workload order: what {@code pod-bare} reports and Enforce rewrites.
   */
  public List<Pod> barePods() {
    if (barePods == null) {
      List<Pod> found = new ArrayList<>();
      // A pod without a controller is its own workload, so the workloads (one per owner) hold every
      // candidate: no read of every pod's owner references at 100k pods.
      for (Workload workload : snapshot.workloads()) {
        if (workload.object() instanceof Pod pod && PodOwnership.isBare(pod) && !PodFacts.isFinished(pod)
            && policy.workloadRulesApplyTo(pod.getMetadata().getNamespace())) {
          found.add(pod);
        }
      }
      barePods = List.copyOf(found);
    }
    return barePods;
  }

  /** The images of the workloads the workload rules cover, each distinct image string parsed once. */
  public WorkloadImages images() {
    if (images == null) {
      images = WorkloadImages.of(snapshot, policy);
    }
    return images;
  }
}
