package dev.haguard.operator;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.policy.Policy;
import dev.haguard.remediation.ActionState;
import dev.haguard.remediation.RemediationEngine;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.RemediationOutcome;
import dev.haguard.remediation.RemediationResult;
import dev.haguard.remediation.WorkloadApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one remediation pass for a policy (the engine reads fresh from the API server and keeps no
 * state between passes) and hands what it did to the operator's outputs: its Events through the
 * one {@link EventRecorder}, its finished outcomes to {@code haguard_remediations_total}. Only the
 * leader reconciles, so only the leader gets here. In Audit the engine makes no API call.
 */
final class Remediation {
  /** How long one pass waits for registry answers; a later answer is picked up by the next pass. */
  static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(2);
  /** How long a Done action stays in status after there is nothing left to do for its object. */
  static final Duration KEEP_DONE = Duration.ofHours(24);

  /** The status actions, and when the pass must run again (empty: only on a change). */
  record Pass(List<Action> actions, Optional<Instant> nextRunAt) {}

  private final WorkloadApi api;
  private final RegistryDigests registries;
  private final EventRecorder recorder;
  private final HaguardMetrics metrics;
  private final Clock clock;

  Remediation(WorkloadApi api, RegistryDigests registries, EventRecorder recorder, HaguardMetrics metrics,
      Clock clock) {
    this.api = api;
    this.registries = registries;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
  }

  Pass run(AnalysisResult analysis, Policy policy, List<Action> stored) {
    RemediationResult result = new RemediationEngine(api, registries.resolverFor(policy), clock, RESOLVE_TIMEOUT)
        .run(analysis, policy);
    for (RemediationEvent e : result.events()) {
      if (RemediationEvent.WARNING.equals(e.type())) {
        recorder.warning(e.object(), e.reason().toString(), e.message());
      } else {
        recorder.normal(e.object(), e.reason().toString(), e.message());
      }
    }
    for (RemediationOutcome o : result.outcomes()) {
      metrics.remediated(o.type().toString(), o.outcome().toString());
    }
    return new Pass(withRecentDone(result.actionsSince(stored), stored), result.nextRunAt());
  }

  /**
   * The pass's actions plus the Done ones of the stored status that the pass no longer lists (the
   * bare pod is gone, the image is pinned: nothing is left to plan), for {@link #KEEP_DONE}, so
   * that status shows what was repaired.
   */
  private List<Action> withRecentDone(List<Action> current, List<Action> stored) {
    if (stored == null) {
      return current;
    }
    Instant cutoff = clock.instant().minus(KEEP_DONE);
    Set<String> listed = current.stream().map(Remediation::key).collect(Collectors.toSet());
    List<Action> all = new ArrayList<>(current);
    stored.stream()
        .filter(a -> ActionState.DONE.toString().equals(a.state()) && !listed.contains(key(a)))
        .filter(a -> a.lastTransitionTime() != null && Instant.parse(a.lastTransitionTime()).isAfter(cutoff))
        .forEach(all::add);
    return all;
  }

  private static String key(Action a) {
    return a.type() + "|" + a.object();
  }
}
