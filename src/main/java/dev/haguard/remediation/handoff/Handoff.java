package dev.haguard.remediation.handoff;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.policy.Policy;
import dev.haguard.remediation.ActionType;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.JsonPatch;
import dev.haguard.remediation.PlannedAction.RewriteBarePod;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.Steps;
import dev.haguard.remediation.WorkloadApi;
import dev.haguard.remediation.WorkloadApi.ConflictException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One bare-pod hand-off as observed at the start of a step, fresh from the API server, and the
 * guarded writes its steps make. Every write re-reads on 409 and re-checks that the object is still
 * the one (uid) and in the phase the step expects, so a step never acts on state another operator
 * instance has moved on.
 */
final class Handoff {
  final RewriteBarePod action;
  final Policy policy;
  final Instant now;
  final WorkloadApi api;
  final Optional<Pod> pod;
  final Optional<Deployment> replacement;

  Handoff(RewriteBarePod action, Policy policy, Instant now, WorkloadApi api, Optional<Pod> pod,
      Optional<Deployment> replacement) {
    this.action = action;
    this.policy = policy;
    this.now = now;
    this.api = api;
    this.pod = pod;
    this.replacement = replacement;
  }

  String namespace() {
    return action.pod().namespace();
  }

  String podUid() {
    return action.podUid();
  }

  /** The bare pod, fresh, if it is still there: see {@link #isPresent}. */
  Optional<Pod> freshPod() {
    return api.get(Pod.class, namespace(), action.pod().name()).filter(p -> isPresent(p, podUid()));
  }

  /**
   * Whether {@code pod} is the bare pod with uid {@code podUid} and still runs the workload. A pod with a
   * deletionTimestamp (evicted, drained, deleted) is on its way out: it does not count, or a rollback
   * would delete the replacement and both would be gone.
   */
  static boolean isPresent(Pod pod, String podUid) {
    return podUid.equals(pod.getMetadata().getUid()) && pod.getMetadata().getDeletionTimestamp() == null;
  }

  /** The replacement, fresh, if it still replaces this pod. */
  Optional<Deployment> freshReplacement(String name) {
    return api.get(Deployment.class, namespace(), name).filter(d -> HandoffAnnotations.replaces(d, podUid()));
  }

  /**
   * Moves the replacement from phase {@code from} to {@code to}, with {@code extra} annotations.
   *
   * @return false when the replacement is gone or no longer in {@code from} (another instance moved it on)
   */
  boolean transition(Deployment replacement, HandoffPhase from, HandoffPhase to, Map<String, String> extra) {
    Map<String, String> set = new HashMap<>(extra);
    set.put(HandoffAnnotations.PHASE, to.value());
    set.put(HandoffAnnotations.PHASE_SINCE, Steps.timestamp(now));
    Deployment current = replacement;
    for (int attempt = 1; ; attempt++) {
      try {
        api.patch(Deployment.class, namespace(), current.getMetadata().getName(),
            JsonPatch.guardedBy(current).annotations(current, set, Set.of()));
        return true;
      } catch (ConflictException e) {
        if (attempt >= Steps.MAX_CONFLICT_RETRIES) {
          throw e;
        }
        Optional<Deployment> fresh = freshReplacement(current.getMetadata().getName());
        if (fresh.isEmpty() || HandoffAnnotations.phase(fresh.get()) != from) {
          return false;
        }
        current = fresh.get();
      }
    }
  }

  /** Sets and removes annotations on the bare pod; false when the pod is gone (or another pod took its name). */
  boolean annotatePod(Pod pod, Map<String, String> set, Set<String> remove) {
    Pod current = pod;
    for (int attempt = 1; ; attempt++) {
      try {
        api.patch(Pod.class, namespace(), current.getMetadata().getName(),
            JsonPatch.guardedBy(current).annotations(current, set, remove));
        return true;
      } catch (ConflictException e) {
        if (attempt >= Steps.MAX_CONFLICT_RETRIES) {
          throw e;
        }
        Optional<Pod> fresh = freshPod();
        if (fresh.isEmpty()) {
          return false;
        }
        current = fresh.get();
      }
    }
  }

  RemediationEvent event(String type, HasMetadata about, String message) {
    return new RemediationEvent(type, ActionType.REWRITE_BARE_POD, message, ObjectRef.of(about));
  }

  RemediationEvent podEvent(String type, String message) {
    return new RemediationEvent(type, ActionType.REWRITE_BARE_POD, message, action.pod());
  }

  Instant soon() {
    return now.plus(Steps.PROGRESS_DELAY);
  }

  static Optional<Instant> parseTime(HasMetadata o, String annotation) {
    try {
      return HandoffAnnotations.get(o, annotation).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
