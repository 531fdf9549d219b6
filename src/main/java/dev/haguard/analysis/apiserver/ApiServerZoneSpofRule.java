package dev.haguard.analysis.apiserver;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import java.util.SortedSet;

/** {@code apiserver-zone-spof}: every apiserver (two or more) runs in one zone while the cluster has several. */
public final class ApiServerZoneSpofRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ApiServerView apiServers = context.apiServers();
    SortedSet<String> zones = context.zones().zones();
    // A lone apiserver is apiserver-single-instance's finding; in one zone it could not be elsewhere.
    if (apiServers.instances() == null || apiServers.instances() < 2 || apiServers.perZone().size() != 1
        || apiServers.unzonedInstances() > 0 || zones.size() < 2) {
      return;
    }
    String zone = apiServers.perZone().firstKey();
    findings.report(RuleId.APISERVER_ZONE_SPOF, apiServers.ref(),
        "All " + apiServers.instances() + " apiserver(s) run in zone " + zone + " while the cluster has nodes in "
            + zones.size() + " zones " + zones + ": losing " + zone + " takes the API down",
        "Run apiservers (control-plane nodes) in at least two zones, one per zone with three; the load balancer"
            + " in front of them must span those zones too");
  }
}
