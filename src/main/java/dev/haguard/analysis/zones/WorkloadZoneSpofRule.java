package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.snapshot.Workload;
import java.util.SortedSet;

/**
 * {@code workload-zone-spof}: a Deployment or StatefulSet that wants 2 replicas or more runs every
 * Ready pod in one zone, although workloads could be scheduled in several. Names the workload.
 */
public final class WorkloadZoneSpofRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ZoneView zones = context.zones();
    SortedSet<String> schedulable = zones.schedulableZones();
    if (schedulable.size() < 2) {
      return;
    }
    String key = context.policy().zoneTopologyKey();
    for (ZoneLossSimulation.OneZoneWorkload oneZone : context.oneZoneWorkloads()) {
      Workload w = oneZone.workload();
      String zone = oneZone.zone();
      if (ZoneLossSimulation.reasonOf(w) != DownReason.NOT_SPREAD) {
        continue;
      }
      int replicas = w.desiredReplicas();
      long ready = w.pods().stream().filter(PodFacts::isReady).count();
      findings.report(RuleId.WORKLOAD_ZONE_SPOF, w.ref(),
          w.ref() + " wants " + replicas + " replicas but all " + ready + " Ready pod(s) run in zone " + zone
              + " while workloads can be scheduled in " + schedulable.size() + " zones " + schedulable
              + ": losing " + zone + " takes it down",
          "Add a topologySpreadConstraint on " + key + " (maxSkew: 1, whenUnsatisfiable: ScheduleAnyway, or"
              + " DoNotSchedule to insist) to the pod template, then roll the workload out again");
    }
  }
}
