package dev.haguard.analysis;

import dev.haguard.analysis.apiserver.ApiServerDnsRoundRobinRule;
import dev.haguard.analysis.apiserver.ApiServerEndpointUnresolvedRule;
import dev.haguard.analysis.apiserver.ApiServerNoLoadBalancerRule;
import dev.haguard.analysis.apiserver.ApiServerSingleInstanceRule;
import dev.haguard.analysis.apiserver.ApiServerZoneSpofRule;
import dev.haguard.analysis.etcd.EtcdDbSizeNearQuotaRule;
import dev.haguard.analysis.etcd.EtcdEvenMembersRule;
import dev.haguard.analysis.etcd.EtcdLearnerStuckRule;
import dev.haguard.analysis.etcd.EtcdMemberMismatchRule;
import dev.haguard.analysis.etcd.EtcdNoFaultToleranceRule;
import dev.haguard.analysis.etcd.EtcdNoLeaderRule;
import dev.haguard.analysis.etcd.EtcdNotObservedRule;
import dev.haguard.analysis.etcd.EtcdOversizedRule;
import dev.haguard.analysis.etcd.EtcdQuorumAtRiskRule;
import dev.haguard.analysis.etcd.EtcdQuorumLostRule;
import dev.haguard.analysis.etcd.EtcdZoneSpofRule;
import dev.haguard.analysis.images.ArchMissingRule;
import dev.haguard.analysis.images.DigestDriftRule;
import dev.haguard.analysis.images.DigestUnresolvedRule;
import dev.haguard.analysis.images.InvalidImageReferenceRule;
import dev.haguard.analysis.images.MutableTagRule;
import dev.haguard.analysis.images.UnpinnedImageRule;
import dev.haguard.analysis.pods.BarePodRule;
import dev.haguard.analysis.volumes.ImmediateBindingRule;
import dev.haguard.analysis.volumes.VolumeZoneConflictRule;
import dev.haguard.analysis.zones.ControlPlaneZoneSpofRule;
import dev.haguard.analysis.zones.WorkloadSingleReplicaRule;
import dev.haguard.analysis.zones.WorkloadZoneSpofRule;
import dev.haguard.analysis.zones.ZoneSingleRule;
import java.util.List;

/** Every rule haguard runs, in one list. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static List<Rule> all() {
    return List.of(
        // etcd quorum
        new EtcdQuorumLostRule(),
        new EtcdQuorumAtRiskRule(),
        new EtcdNoFaultToleranceRule(),
        new EtcdEvenMembersRule(),
        new EtcdOversizedRule(),
        new EtcdZoneSpofRule(),
        new EtcdNoLeaderRule(),
        new EtcdLearnerStuckRule(),
        new EtcdDbSizeNearQuotaRule(),
        new EtcdMemberMismatchRule(),
        new EtcdNotObservedRule(),
        // apiservers
        new ApiServerSingleInstanceRule(),
        new ApiServerDnsRoundRobinRule(),
        new ApiServerNoLoadBalancerRule(),
        new ApiServerZoneSpofRule(),
        new ApiServerEndpointUnresolvedRule(),
        // zones and volumes
        new ZoneSingleRule(),
        new ControlPlaneZoneSpofRule(),
        new WorkloadZoneSpofRule(),
        new WorkloadSingleReplicaRule(),
        new VolumeZoneConflictRule(),
        new ImmediateBindingRule(),
        // images and bare pods
        new MutableTagRule(),
        new UnpinnedImageRule(),
        new InvalidImageReferenceRule(),
        new DigestDriftRule(),
        new DigestUnresolvedRule(),
        new ArchMissingRule(),
        new BarePodRule());
  }
}
