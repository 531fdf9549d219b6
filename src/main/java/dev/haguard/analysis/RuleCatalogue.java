package dev.haguard.analysis;

import dev.haguard.analysis.apiserver.ApiServerDnsRoundRobinRule;
import dev.haguard.analysis.apiserver.ApiServerNoLoadBalancerRule;
import dev.haguard.analysis.apiserver.ApiServerSingleInstanceRule;
import dev.haguard.analysis.apiserver.ApiServerZoneSpofRule;
import dev.haguard.analysis.etcd.EtcdEvenMembersRule;
import dev.haguard.analysis.etcd.EtcdNoFaultToleranceRule;
import dev.haguard.analysis.etcd.EtcdOversizedRule;
import dev.haguard.analysis.etcd.EtcdQuorumAtRiskRule;
import dev.haguard.analysis.etcd.EtcdQuorumLostRule;
import dev.haguard.analysis.etcd.EtcdZoneSpofRule;
import dev.haguard.analysis.zones.ControlPlaneZoneSpofRule;
import dev.haguard.analysis.zones.WorkloadZoneSpofRule;
import dev.haguard.analysis.zones.ZoneSingleRule;
import java.util.List;

/** Every rule haguard runs, in one list. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static List<Rule> all() {
    return List.of(
        new EtcdQuorumLostRule(),
        new EtcdQuorumAtRiskRule(),
        new EtcdNoFaultToleranceRule(),
        new EtcdEvenMembersRule(),
        new EtcdOversizedRule(),
        new EtcdZoneSpofRule(),
        new ApiServerSingleInstanceRule(),
        new ApiServerDnsRoundRobinRule(),
        new ApiServerNoLoadBalancerRule(),
        new ApiServerZoneSpofRule(),
        new ZoneSingleRule(),
        new ControlPlaneZoneSpofRule(),
        new WorkloadZoneSpofRule());
  }
}
