package dev.haguard.analysis.zones;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.Workload;
import java.util.function.UnaryOperator;

/**
 * {@code workload-node-spof}: a Deployment or StatefulSet that wants 2 replicas or more runs every
 * Ready pod on one node, although workloads could run on others: losing or draining that node
 * takes it down.
 */
public final class WorkloadNodeSpofRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    long schedulable = context.snapshot().nodes().stream().filter(ZoneView::isSchedulable).count();
    if (schedulable < 2) {
      return;
    }
    for (Workload w : context.snapshot().workloads()) {
      Integer replicas = w.desiredReplicas();
      if (replicas == null || replicas < 2 || !ZoneLossSimulation.isSpreadWorkload(w, context.policy())) {
        continue;
      }
      String only = ZoneLossSimulation.onlyDomainOfReadyPods(w.pods(), UnaryOperator.identity());
      if (only != null) {
        findings.report(RuleId.WORKLOAD_NODE_SPOF, w.ref(),
            w.ref() + " wants " + replicas + " replicas but every Ready pod runs on node " + only
                + " (of " + schedulable + " schedulable nodes): losing or draining it takes the workload down",
            "Spread the pods over nodes: a topologySpreadConstraint on kubernetes.io/hostname (maxSkew: 1) or a"
                + " pod anti-affinity on kubernetes.io/hostname in the pod template, then roll it out again");
      }
    }
  }
}
