package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.snapshot.Workload;

/**
 * {@code workload-single-replica}: a Deployment or StatefulSet with one replica goes down with its
 * zone. Almost every cluster has some on purpose, so this is info by default and does not make a
 * zone unsurvivable; a policy that raises it to warning makes it count. Names the workload, under
 * the same conditions as workload-zone-spof (workloads can be scheduled in 2 zones or more).
 */
public final class WorkloadSingleReplicaRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    if (context.zones().schedulableZones().size() < 2) {
      return;
    }
    for (ZoneLossSimulation.OneZoneWorkload oneZone : context.oneZoneWorkloads()) {
      Workload w = oneZone.workload();
      if (ZoneLossSimulation.reasonOf(w) != DownReason.SINGLE_REPLICA) {
        continue;
      }
      findings.report(RuleId.WORKLOAD_SINGLE_REPLICA, w.ref(),
          w.ref() + " has a single replica, in zone " + oneZone.zone() + ": losing " + oneZone.zone()
              + " takes it down until it is rescheduled elsewhere",
          "If it must survive a zone loss, run 2 replicas or more with a topologySpreadConstraint on "
              + context.policy().zoneTopologyKey() + "; if not, turn this note off with severityOverrides:"
              + " {workload-single-replica: \"off\"}");
    }
  }
}
