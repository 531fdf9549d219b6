package dev.haguard.remediation.handoff;

import dev.haguard.remediation.ActionState;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.StepResult;
import dev.haguard.remediation.Steps;
import dev.haguard.remediation.WorkloadApi.ConflictException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step a: create the replacement Deployment (or adopt the one an interrupted run created: it is found
 * by the pod's uid in {@link HandoffAnnotations#REWRITTEN_FROM}, never created twice), then record it
 * on the pod.
 */
final class CreateReplacementStep implements HandoffStep {
  private static final int MAX_NAME_ATTEMPTS = 5;

  @Override
  public StepResult run(Handoff h) {
    if (h.replacement.isPresent()) {
      return recordOnPod(h, h.replacement.get(), false);
    }
    Pod pod = h.pod.orElseThrow();
    Set<String> taken = new HashSet<>();
    for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
      String name = ReplacementDeployment.nameFor(pod, taken);
      Deployment replacement = new DeploymentBuilder(ReplacementDeployment.from(pod, name, h.action.options()))
          .editMetadata()
          .addToAnnotations(HandoffAnnotations.PHASE, HandoffPhase.CREATED.value())
          .addToAnnotations(HandoffAnnotations.STARTED, Steps.timestamp(h.now))
          .addToAnnotations(HandoffAnnotations.PHASE_SINCE, Steps.timestamp(h.now))
          .endMetadata().build();
      try {
        return recordOnPod(h, h.api.create(replacement), true);
      } catch (ConflictException e) {
        // The name is taken; if by our own replacement (created by a run whose answer was lost), adopt it.
        Optional<Deployment> ours = h.freshReplacement(name);
        if (ours.isPresent()) {
          return recordOnPod(h, ours.get(), false);
        }
        taken.add(name);
      }
    }
    return StepResult.quiet(ActionState.FAILED, "no free name for the replacement of " + pod.getMetadata().getName()
        + " (tried " + taken + ")", null, h.now.plus(Steps.POLL_INTERVAL));
  }

  private static StepResult recordOnPod(Handoff h, Deployment replacement, boolean created) {
    String name = replacement.getMetadata().getName();
    Optional<Pod> pod = h.pod;
    boolean recorded = pod.flatMap(p -> HandoffAnnotations.get(p, HandoffAnnotations.REPLACED_BY))
        .filter(name::equals).isPresent();
    if (pod.isPresent() && !recorded) {
      h.annotatePod(pod.get(), Map.of(HandoffAnnotations.REPLACED_BY, name), Set.of());
    }
    String message = (created ? "created" : "adopted") + " Deployment " + name + " to replace bare pod "
        + h.action.pod().name() + "; waiting for it to be available";
    return new StepResult(ActionState.IN_PROGRESS, message, null, h.soon(),
        created ? h.event(RemediationEvent.NORMAL, replacement, message) : null, null);
  }
}
