package dev.haguard.analysis;

import dev.haguard.analysis.apiserver.ApiServerView;
import dev.haguard.analysis.etcd.EtcdView;
import dev.haguard.analysis.images.WorkloadImages;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;

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

  /** The images of the workloads the workload rules cover, each distinct image string parsed once. */
  public WorkloadImages images() {
    if (images == null) {
      images = WorkloadImages.of(snapshot, policy);
    }
    return images;
  }
}
