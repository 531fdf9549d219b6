package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.ClusterComponent;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import java.util.SortedMap;

/** {@code control-plane-zone-spof}: every control-plane node is in one zone while the cluster has several. */
public final class ControlPlaneZoneSpofRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ZoneView zones = context.zones();
    SortedMap<String, Integer> controlPlane = zones.controlPlanePerZone();
    if (controlPlane.size() != 1 || zones.unzonedControlPlaneNodes() > 0 || zones.zones().size() < 2) {
      return;
    }
    String zone = controlPlane.firstKey();
    findings.report(RuleId.CONTROL_PLANE_ZONE_SPOF, ClusterComponent.CONTROL_PLANE.ref(),
        "All " + controlPlane.get(zone) + " control-plane node(s) are in zone " + zone + " while the cluster has"
            + " nodes in " + zones.zones().size() + " zones " + zones.zones() + ": losing " + zone
            + " takes etcd and the apiservers down together",
        "Spread control-plane nodes over the zones, one per zone with 3 (2+2+1 with 5), so that etcd keeps a"
            + " majority and an apiserver survives any one zone's loss");
  }
}
