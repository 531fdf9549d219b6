package dev.haguard.remediation.handoff;

import dev.haguard.remediation.ActionState;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.StepResult;
import dev.haguard.remediation.Steps;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Step b: wait until the replacement has an available replica. It rolls back when the ready timeout
 * ({@code barePods.readyTimeoutSeconds}, counted from {@link HandoffAnnotations#STARTED}) has passed or
 * the replacement fails: ProgressDeadlineExceeded, or its pods cannot start.
 */
final class AwaitAvailableStep implements HandoffStep {
  /** Container waiting reasons that mean the replacement will not become Ready by itself. */
  static final Set<String> FAILING = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
      "InvalidImageName", "CreateContainerConfigError", "CreateContainerError");

  @Override
  public StepResult run(Handoff h) {
    Deployment d = h.replacement.orElseThrow();
    String name = d.getMetadata().getName();
    if (isAvailable(d)) {
      if (!h.transition(d, HandoffPhase.CREATED, HandoffPhase.AVAILABLE, Map.of())) {
        return StepResult.quiet(ActionState.IN_PROGRESS, "Deployment " + name + " moved on; re-reading", null, h.soon());
      }
      String message = "Deployment " + name + " is available; the bare pod can go";
      return new StepResult(ActionState.IN_PROGRESS, message, null, h.soon(),
          h.event(RemediationEvent.NORMAL, d, message), null);
    }
    Instant started = Handoff.parseTime(d, HandoffAnnotations.STARTED).orElse(h.now);
    Instant deadline = started.plusSeconds(h.policy.barePodReadyTimeoutSeconds());
    Optional<String> failure = failure(h, d);
    if (failure.isEmpty() && h.now.isBefore(deadline)) {
      long left = Duration.between(h.now, deadline).toSeconds();
      Instant next = h.now.plus(Steps.POLL_INTERVAL);
      return StepResult.quiet(ActionState.IN_PROGRESS, "waiting for Deployment " + name
          + " to have an available replica (" + left + "s left)", null, next.isBefore(deadline) ? next : deadline);
    }
    String reason = failure.orElse("no available replica within " + h.policy.barePodReadyTimeoutSeconds() + "s");
    if (!h.transition(d, HandoffPhase.CREATED, HandoffPhase.ROLLING_BACK, Map.of(HandoffAnnotations.REASON, reason))) {
      return StepResult.quiet(ActionState.IN_PROGRESS, "Deployment " + name + " moved on; re-reading", null, h.soon());
    }
    String message = "rolling back Deployment " + name + ": " + reason;
    return new StepResult(ActionState.IN_PROGRESS, message, null, h.soon(),
        h.event(RemediationEvent.WARNING, d, message), null);
  }

  static boolean isAvailable(Deployment d) {
    Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    return available != null && available >= 1;
  }

  private static Optional<String> failure(Handoff h, Deployment d) {
    List<DeploymentCondition> conditions = d.getStatus() == null ? null : d.getStatus().getConditions();
    if (conditions != null && conditions.stream().anyMatch(c -> "Progressing".equals(c.getType())
        && "False".equals(c.getStatus()) && "ProgressDeadlineExceeded".equals(c.getReason()))) {
      return Optional.of("ProgressDeadlineExceeded");
    }
    String label = d.getMetadata().getLabels().get(HandoffAnnotations.REPLACEMENT_LABEL);
    return h.api.pods(h.namespace(), HandoffAnnotations.REPLACEMENT_LABEL, label).stream()
        .flatMap(AwaitAvailableStep::statuses)
        .filter(s -> s.getState() != null && s.getState().getWaiting() != null
            && FAILING.contains(s.getState().getWaiting().getReason()))
        .map(s -> "its pod's container " + s.getName() + " is in " + s.getState().getWaiting().getReason())
        .findFirst();
  }

  private static Stream<ContainerStatus> statuses(Pod p) {
    if (p.getStatus() == null) {
      return Stream.empty();
    }
    return Stream.of(p.getStatus().getContainerStatuses(), p.getStatus().getInitContainerStatuses())
        .filter(Objects::nonNull).flatMap(List::stream);
  }
}
