package dev.haguard.analysis.pods;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * {@code pod-bare}: a running pod with no controller. When its node fails, drains or is replaced,
 * the pod is gone for good and nothing recreates it.
 */
public final class BarePodRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    for (Pod pod : context.barePods()) {
      ObjectRef ref = ObjectRef.of(pod);
      boolean restartsAlways = pod.getSpec() == null || pod.getSpec().getRestartPolicy() == null
          || "Always".equals(pod.getSpec().getRestartPolicy());
      String where = PodFacts.nodeName(pod) == null ? "" : " on node " + PodFacts.nodeName(pod);
      findings.report(RuleId.POD_BARE, ref,
          ref + where + " has no controller: if the node fails, drains or is replaced, the pod is gone"
              + " and nothing recreates it.",
          restartsAlways
              ? "Wrap it in a Deployment (1 replica, the pod's spec as template); haguard Enforce mode does this"
                  + " with barePods.rewrite, deleting the pod only once the Deployment is available."
              : "Run it as a Job (restartPolicy " + pod.getSpec().getRestartPolicy() + " is run-to-completion work);"
                  + " haguard reports such pods but never re-runs them.");
    }
  }
}
