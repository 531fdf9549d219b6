package dev.haguard.remediation.handoff;

import dev.haguard.policy.Policy;
import dev.haguard.remediation.ActionState;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.PlannedAction.RewriteBarePod;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.RemediationOutcome;
import dev.haguard.remediation.StepResult;
import dev.haguard.remediation.Steps;
import dev.haguard.remediation.WorkloadApi;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bare-pod hand-off as a state machine whose state is the annotations on the pod and on its
 * replacement. Each call observes both, fresh, and runs at most one step:
 *
 * <pre>
 *   no replacement ──CreateReplacement──▶ Created ──AwaitAvailable──▶ Available ──DeleteBarePod──▶ Done
 *                                            │ timeout / failure
 *                                            ▼
 *                                       RollingBack ──RollBack──▶ (replacement deleted, pod backs off)
 * </pre>
 */
public final class BarePodHandoff {
  private final Map<HandoffPhase, HandoffStep> steps = new EnumMap<>(HandoffPhase.class);
  private final HandoffStep create = new CreateReplacementStep();

  public BarePodHandoff() {
    steps.put(HandoffPhase.CREATED, new AwaitAvailableStep());
    steps.put(HandoffPhase.AVAILABLE, new DeleteBarePodStep());
    steps.put(HandoffPhase.ROLLING_BACK, new RollBackStep());
    steps.put(HandoffPhase.DONE, h -> StepResult.quiet(ActionState.DONE, "bare pod " + h.action.pod().name()
        + " replaced by Deployment " + h.replacement.orElseThrow().getMetadata().getName(),
        Handoff.parseTime(h.replacement.get(), HandoffAnnotations.PHASE_SINCE).orElse(null), null));
  }

  /** Runs the next step of {@code action}'s hand-off; empty when there is nothing to hand off any more. */
  public Optional<StepResult> advance(RewriteBarePod action, Policy policy, Instant now, WorkloadApi api) {
    String namespace = action.pod().namespace();
    Optional<Pod> pod = api.get(Pod.class, namespace, action.pod().name())
        .filter(p -> Handoff.isPresent(p, action.podUid()));
    List<Deployment> replacements = api.replacements(namespace).stream()
        .filter(d -> HandoffAnnotations.replaces(d, action.podUid())).toList();
    if (replacements.size() > 1) {
      return Optional.of(StepResult.quiet(ActionState.FAILED, "more than one Deployment replaces pod "
          + action.pod().name() + " (" + replacements.stream().map(d -> d.getMetadata().getName()).toList()
          + "); haguard changes nothing until only one is left", null, null));
    }
    Handoff h = new Handoff(action, policy, now, api, pod, replacements.stream().findFirst());
    if (h.replacement.isPresent()) {
      Deployment d = h.replacement.get();
      HandoffPhase phase = HandoffAnnotations.phase(d);
      boolean recordedOnPod = pod.flatMap(p -> HandoffAnnotations.get(p, HandoffAnnotations.REPLACED_BY))
          .filter(d.getMetadata().getName()::equals).isPresent();
      if (phase == HandoffPhase.CREATED && pod.isPresent() && !recordedOnPod) {
        return Optional.of(create.run(h));
      }
      return Optional.of(steps.get(phase).run(h));
    }
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> vanished = HandoffAnnotations.get(pod.get(), HandoffAnnotations.REPLACED_BY);
    if (vanished.isPresent()) {
      String reason = "Deployment " + vanished.get() + " disappeared before the hand-off finished";
      Instant retryAfter = RollBackStep.recordFailure(h, pod.get(), reason);
      String message = "rolled back: " + reason + "; kept bare pod " + action.pod().name()
          + "; next attempt after " + Steps.timestamp(retryAfter);
      return Optional.of(new StepResult(ActionState.ROLLED_BACK, message, now, retryAfter,
          h.podEvent(RemediationEvent.WARNING, message), RemediationOutcome.Outcome.ROLLED_BACK));
    }
    Optional<Instant> retryAfter = Handoff.parseTime(pod.get(), HandoffAnnotations.RETRY_AFTER)
        .filter(now::isBefore);
    if (retryAfter.isPresent()) {
      String failure = HandoffAnnotations.get(pod.get(), HandoffAnnotations.FAILURE).orElse("unknown");
      return Optional.of(StepResult.quiet(ActionState.ROLLED_BACK, "the last attempt was rolled back (" + failure
          + "); next attempt after " + Steps.timestamp(retryAfter.get()),
          Handoff.parseTime(pod.get(), HandoffAnnotations.FAILED_AT).orElse(null), retryAfter.get()));
    }
    return Optional.of(create.run(h));
  }
}
