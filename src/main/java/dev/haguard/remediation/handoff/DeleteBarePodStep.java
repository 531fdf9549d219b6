package dev.haguard.remediation.handoff;

import dev.haguard.remediation.ActionState;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.RemediationOutcome;
import dev.haguard.remediation.StepResult;
import dev.haguard.remediation.Steps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;

/**
 * Step c: delete the bare pod, with its own grace period, once the replacement is available, and
 * mark the hand-off Done. Availability is read again right before the delete: nothing is deleted
 * before its replacement is available.
 */
final class DeleteBarePodStep implements HandoffStep {

  @Override
  public StepResult run(Handoff h) {
    String name = h.replacement.orElseThrow().getMetadata().getName();
    Optional<Pod> pod = h.freshPod();
    // The replacement is read last, so that nothing but the delete itself comes between its check and the delete.
    Optional<Deployment> fresh = h.freshReplacement(name);
    if (fresh.isEmpty() || HandoffAnnotations.phase(fresh.get()) != HandoffPhase.AVAILABLE) {
      return StepResult.quiet(ActionState.IN_PROGRESS, "Deployment " + name + " moved on; re-reading", null, h.soon());
    }
    RemediationEvent deleted = null;
    if (pod.isPresent()) {
      if (!AwaitAvailableStep.isAvailable(fresh.get())) {
        // It was available and is not now: wait again, with a fresh timeout, before anything is deleted.
        h.transition(fresh.get(), HandoffPhase.AVAILABLE, HandoffPhase.CREATED,
            Map.of(HandoffAnnotations.STARTED, Steps.timestamp(h.now)));
        return StepResult.quiet(ActionState.IN_PROGRESS, "Deployment " + name
            + " lost its available replica; waiting again before the bare pod is deleted", null, h.soon());
      }
      Long grace = pod.get().getSpec() == null ? null : pod.get().getSpec().getTerminationGracePeriodSeconds();
      h.api.delete(Pod.class, h.namespace(), h.action.pod().name(), grace);
      deleted = h.podEvent(RemediationEvent.NORMAL, "deleted bare pod " + h.action.pod().name()
          + "; Deployment " + name + " runs the workload now");
    }
    if (!h.transition(fresh.get(), HandoffPhase.AVAILABLE, HandoffPhase.DONE, Map.of())) {
      return StepResult.quiet(ActionState.IN_PROGRESS, "Deployment " + name + " moved on; re-reading", null, h.soon());
    }
    String message = "bare pod " + h.action.pod().name() + " replaced by Deployment " + name;
    return new StepResult(ActionState.DONE, message, h.now, null,
        deleted != null ? deleted : h.event(RemediationEvent.NORMAL, fresh.get(), message),
        RemediationOutcome.Outcome.DONE);
  }
}
