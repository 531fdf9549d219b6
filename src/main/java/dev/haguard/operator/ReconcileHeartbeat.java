package dev.haguard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a stuck reconcile loop from an idle one, for the liveness probe: JOSDK 5.2's RuntimeInfo
 * sees the informers, not the reconciles. JOSDK reports to this {@link Metrics} hook each reconcile
 * it hands to its executor (after an event, a reschedule or the max-interval timer fired, and only
 * on the replica that leads) and each one that ends, failed or not. The loop is stuck when one was
 * handed over longer than {@code timeout} ago and has not ended: a reconcile blocked forever, or
 * the executor's threads all busy with such ones. Events alone are not work: a standby replica
 * receives them too but never reconciles.
 *
 * <p>A resource may be handed over again before its running reconcile is reported ended (events came
 * in meanwhile): JOSDK runs one resource's reconciles one after the other, so the hand-overs of a
 * resource are queued and each end removes the oldest.
 */
final class ReconcileHeartbeat implements Metrics {
  private final Clock clock;
  private final Duration timeout;
  private final Map<ResourceID, Deque<Instant>> handedOver = new HashMap<>();

  ReconcileHeartbeat(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public synchronized void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo,
      Map<String, Object> metadata) {
    handedOver.computeIfAbsent(ResourceID.fromResource(resource), id -> new ArrayDeque<>()).addLast(clock.instant());
  }

  @Override
  public synchronized void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    handedOver.computeIfPresent(ResourceID.fromResource(resource), (id, times) -> {
      times.pollFirst();
      return times.isEmpty() ? null : times;
    });
  }

  /** Why liveness should fail: the reconcile waiting longest, when it has waited more than the timeout. */
  synchronized Optional<String> stuck() {
    Instant now = clock.instant();
    return handedOver.entrySet().stream()
        .min(Comparator.comparing((Map.Entry<ResourceID, Deque<Instant>> e) -> e.getValue().getFirst()))
        .filter(oldest -> Duration.between(oldest.getValue().getFirst(), now).compareTo(timeout) > 0)
        .map(oldest -> "reconcile of " + oldest.getKey().getName() + " not finished after "
            + Duration.between(oldest.getValue().getFirst(), now).toSeconds() + "s (limit "
            + timeout.toSeconds() + "s)");
  }
}
