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
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Step d: the attempt failed. Record the failure and a backoff on the bare pod, then delete the
 * replacement (ours: it carries the pod's uid) and keep the bare pod. If the bare pod is gone, the
 * replacement is the workload's only copy and is kept.
 */
final class RollBackStep implements HandoffStep {

  @Override
  public StepResult run(Handoff h) {
    Deployment d = h.replacement.orElseThrow();
    String name = d.getMetadata().getName();
    String reason = HandoffAnnotations.get(d, HandoffAnnotations.REASON).orElse("the hand-off failed");
    if (h.pod.isEmpty()) {
      return keep(h, d);
    }
    Pod pod = h.pod.get();
    // The pod's annotations are written first: if the operator stops before the delete, the next
    // run finds the replacement still RollingBack and deletes it, without counting the attempt twice.
    Instant retryAfter = HandoffAnnotations.get(pod, HandoffAnnotations.REPLACED_BY).isPresent()
        ? recordFailure(h, pod, reason)
        : Handoff.parseTime(pod, HandoffAnnotations.RETRY_AFTER).orElse(h.now);
    // Read again right before the delete: a pod evicted since the pass began leaves the replacement as the only copy.
    if (h.freshPod().isEmpty()) {
      return keep(h, d);
    }
    h.api.delete(Deployment.class, h.namespace(), name, null);
    String message = "rolled back: deleted Deployment " + name + " and kept bare pod " + h.action.pod().name()
        + " (" + reason + "); next attempt after " + Steps.timestamp(retryAfter);
    return new StepResult(ActionState.ROLLED_BACK, message, h.now, retryAfter,
        h.podEvent(RemediationEvent.WARNING, message), RemediationOutcome.Outcome.ROLLED_BACK);
  }

  private static StepResult keep(Handoff h, Deployment d) {
    String kept = "bare pod " + h.action.pod().name() + " disappeared during the rollback; Deployment "
        + d.getMetadata().getName() + " is kept as the workload's only copy";
    h.transition(d, HandoffPhase.ROLLING_BACK, HandoffPhase.DONE, Map.of(HandoffAnnotations.REASON, kept));
    return new StepResult(ActionState.FAILED, kept, h.now, null, h.event(RemediationEvent.WARNING, d, kept),
        RemediationOutcome.Outcome.FAILED);
  }

  /** Writes the failure and the backoff on the pod and forgets its replacement; returns the retry time. */
  static Instant recordFailure(Handoff h, Pod pod, String reason) {
    int attempts = HandoffAnnotations.get(pod, HandoffAnnotations.ATTEMPTS).map(RollBackStep::parseCount).orElse(0)
        + 1;
    Instant retryAfter = h.now.plus(Backoff.after(attempts));
    h.annotatePod(pod, Map.of(
            HandoffAnnotations.FAILED_AT, Steps.timestamp(h.now),
            HandoffAnnotations.FAILURE, reason,
            HandoffAnnotations.ATTEMPTS, Integer.toString(attempts),
            HandoffAnnotations.RETRY_AFTER, Steps.timestamp(retryAfter)),
        Set.of(HandoffAnnotations.REPLACED_BY));
    return retryAfter;
  }

  private static int parseCount(String value) {
    try {
      return Math.max(0, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
