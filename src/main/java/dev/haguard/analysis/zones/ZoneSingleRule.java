package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.ClusterComponent;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/** {@code zone-single}: every node is in one zone, or no node is in a zone at all ({@link ZoneView#zoneOf}). */
public final class ZoneSingleRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ZoneView zones = context.zones();
    int nodes = context.snapshot().nodes().size();
    if (nodes == 0 || zones.zones().size() > 1) {
      return;
    }
    String key = context.policy().zoneTopologyKey();
    String message = zones.zones().isEmpty()
        ? "None of the " + nodes + " nodes is in a zone (no " + key + " label, or an Azure fault domain number):"
            + " nothing shows that losing one data centre or availability zone would leave the cluster running"
        : "Every zoned node (" + (nodes - zones.unzonedNodes()) + ") is in zone " + zones.zones().first()
            + (zones.unzonedNodes() > 0 ? " (" + zones.unzonedNodes() + " more carry no zone)" : "")
            + ": losing that zone takes down the whole cluster";
    findings.report(RuleId.ZONE_SINGLE, ClusterComponent.ZONES.ref(), message,
        "Run nodes in at least 3 availability zones of the region (same VPC) and label each node with " + key
            + " (cloud providers set it; on bare metal set it yourself)");
  }
}
