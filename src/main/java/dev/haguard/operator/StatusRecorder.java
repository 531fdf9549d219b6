package dev.haguard.operator;

import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
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

  private final FindingEvents events;
  private final HaguardMetrics metrics;
  private final StoredForm storedForm;

  StatusRecorder(FindingEvents events, HaguardMetrics metrics, StoredForm storedForm) {
    this.events = events;
    this.metrics = metrics;
    this.storedForm = storedForm;
  }

  /**
   * The new status of a valid policy ({@link StatusMapper#forStatus()}): its new findings announced,
   * its gauges set, its status written if changed.
   */
  UpdateControl<ClusterPolicy> record(ClusterPolicy policy, ClusterPolicyStatus next, Optional<Duration> again) {
    events.announce(policy, next.findings());
    metrics.record(policy.getMetadata().getName(), next);
    return write(policy, next, true, again);
  }

  /**
   * A policy that cannot be used ({@link StatusMapper#invalidSpec}). Nothing else happens for it:
   * no analysis, Events or figures (those of its valid past are dropped).
   */
  UpdateControl<ClusterPolicy> recordInvalid(ClusterPolicy policy, ClusterPolicyStatus next) {
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
