package dev.haguard.operator;

import dev.haguard.analysis.Conditions;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.InvalidPolicyException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a reconcile found, in one place: the Events of new findings, the metrics, and the
 * status, patched only when what a reader sees changed (so that a quiet cluster costs no writes).
 * One status write path per reconcile, for a valid policy and an invalid one alike.
 */
final class StatusRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(StatusRecorder.class);
  /** Workloads named per zone loss in status: like the findings, capped (Gatekeeper caps at 20), the rest counted. */
  static final int MAX_WORKLOADS_PER_ZONE_LOSS = 20;

  private final FindingEvents events;
  private final HaguardMetrics metrics;
  private final StoredForm storedForm;
  private final Clock clock;

  StatusRecorder(FindingEvents events, HaguardMetrics metrics, StoredForm storedForm, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.storedForm = storedForm;
    this.clock = clock;
  }

  /** The new status of a valid policy: its new findings announced, its gauges set, its status written if changed. */
  UpdateControl<ClusterPolicy> record(ClusterPolicy policy, ClusterPolicyStatus next, Optional<Duration> again) {
    next = next.withLossListsCapped(MAX_WORKLOADS_PER_ZONE_LOSS);
    events.announce(policy, next.findings());
    metrics.record(policy.getMetadata().getName(), next);
    return write(policy, next, true, again);
  }

  /**
   * A policy that cannot be used: {@code Ready=False} naming the field. Nothing else happens for it:
   * no analysis, Events or figures (those of its valid past are dropped).
   */
  UpdateControl<ClusterPolicy> recordInvalid(ClusterPolicy policy, InvalidPolicyException e) {
    Long generation = policy.getMetadata().getGeneration();
    ClusterPolicyStatus next = new ClusterPolicyStatus(generation, null, null, null, null, null, null, null, null,
        Conditions.invalidSpec(e.getMessage(), generation, clock.instant()));
    forget(policy.getMetadata().getName());
    return write(policy, next, false, Optional.empty());
  }

  /** Drops what was announced and measured for {@code policy}: it was deleted or its spec became invalid. */
  void forget(String policy) {
    events.forget(policy);
    metrics.forget(policy);
  }

  private UpdateControl<ClusterPolicy> write(ClusterPolicy policy, ClusterPolicyStatus next, boolean valid,
      Optional<Duration> again) {
    ClusterPolicyStatus stored = policy.getStatus();
    next = next.withConditions(
        Conditions.keepTransitionTimes(stored == null ? null : stored.conditions(), next.conditions()));
    boolean changed = !storedForm.same(next, stored);
    metrics.reconciled(!valid ? HaguardMetrics.Outcome.INVALID_SPEC
        : changed ? HaguardMetrics.Outcome.UPDATED : HaguardMetrics.Outcome.UNCHANGED);
    UpdateControl<ClusterPolicy> control;
    if (changed) {
      LOG.info("ClusterPolicy {}: status changed: {}", policy.getMetadata().getName(), describe(next));
      policy.setStatus(next);
      control = UpdateControl.patchStatus(policy);
    } else {
      control = UpdateControl.noUpdate();
    }
    again.ifPresent(delay -> control.rescheduleAfter(delay.isNegative() ? Duration.ZERO : delay));
    return control;
  }

  private static String describe(ClusterPolicyStatus status) {
    return status.summary() == null ? status.conditions().get(0).getMessage()
        : status.summary().critical() + " critical, " + status.summary().warning() + " warning, "
            + status.summary().info() + " info finding(s)";
  }
}
