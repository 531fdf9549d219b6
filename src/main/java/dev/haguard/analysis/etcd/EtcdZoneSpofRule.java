package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;

/**
 * {@code etcd-zone-spof}: losing the zone with the most members would leave fewer than a majority.
 * Judged on the members, not their current health (a health problem is etcd-quorum-at-risk's), and
 * only from 3 members: with fewer, no placement survives a zone loss and etcd-no-fault-tolerance
 * already says so. Names an etcd Pod of that zone. With 2 zones the fix asks for a third location:
 * no spread over two survives the loss of either.
 */
public final class EtcdZoneSpofRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    if (!etcd.observable() || etcd.members() < 3) {
      return;
    }
    etcd.largestZone().ifPresent(zone -> {
      int inZone = etcd.membersPerZone().get(zone);
      int left = etcd.members() - inZone;
      if (left >= etcd.quorum().majority()) {
        return;
      }
      ObjectRef pod = etcd.firstMemberIn(zone).map(ObjectRef::of).orElse(etcd.ref());
      findings.report(RuleId.ETCD_ZONE_SPOF, pod,
          inZone + " of " + etcd.members() + " etcd members run in zone " + zone + ": losing " + zone + " leaves "
              + left + ", fewer than the majority of " + etcd.quorum().majority() + ", and etcd stops (members per"
              + " zone: " + etcd.membersPerZone() + ")",
          context.zones().zones().size() == 2 ? twoZoneFix(etcd) : spreadFix(etcd, zone));
    });
  }

  private static String spreadFix(EtcdView etcd, String zone) {
    return "Spread members so that no zone holds more than " + etcd.quorum().failureTolerance() + " of "
        + etcd.members() + " (3 members over 3 zones as 1+1+1, 5 over 3 as 2+2+1): move a member out of "
        + zone + " with `etcdctl member remove` and `etcdctl member add` on a control-plane node in another zone";
  }

  /** With 2 zones one of them always holds a majority: no placement helps, only a third location does. */
  private static String twoZoneFix(EtcdView etcd) {
    return "With 2 zones no layout of " + etcd.members() + " members survives the loss of either zone: one of"
        + " them always holds a majority. Add a third zone (a small control-plane node there is enough) or a"
        + " witness etcd member in a third location, then move members so that no zone holds a majority";
  }
}
