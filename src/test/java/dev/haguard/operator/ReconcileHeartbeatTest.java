package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.support.MutableClock;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The liveness heartbeat on its own, driven the way JOSDK's EventProcessor calls its Metrics hooks. */
class ReconcileHeartbeatTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ReconcileHeartbeat heartbeat = new ReconcileHeartbeat(clock, TIMEOUT);

  @Test
  void anIdleLoopIsAliveHoweverLongNothingHappens() {
    clock.advance(Duration.ofDays(1));

    assertThat(heartbeat.stuck()).isEmpty();
  }

  @Test
  void aReconcileThatDoesNotEndWithinTheTimeoutIsStuck() {
    heartbeat.reconcileCustomResource(policy("default"), null, Map.of());
    clock.advance(TIMEOUT);
    assertThat(heartbeat.stuck()).as("at the limit").isEmpty();

    clock.advance(Duration.ofSeconds(1));

    assertThat(heartbeat.stuck()).hasValue("reconcile of default not finished after 61s (limit 60s)");
  }

  @Test
  void aReconcileThatEndsLeavesNothingWaiting() {
    heartbeat.reconcileCustomResource(policy("default"), null, Map.of());
    clock.advance(Duration.ofSeconds(30));
    heartbeat.reconciliationExecutionFinished(policy("default"), Map.of());

    clock.advance(Duration.ofHours(1));

    assertThat(heartbeat.stuck()).isEmpty();
  }

  @Test
  void aResourceHandedOverAgainBeforeItsReconcileEndedWaitsFromTheSecondHandOver() {
    heartbeat.reconcileCustomResource(policy("default"), null, Map.of());
    clock.advance(Duration.ofSeconds(50));
    // JOSDK submits the next reconcile (events came in meanwhile) before it reports the first one ended.
    heartbeat.reconcileCustomResource(policy("default"), null, Map.of());
    heartbeat.reconciliationExecutionFinished(policy("default"), Map.of());

    clock.advance(Duration.ofSeconds(50));
    assertThat(heartbeat.stuck()).as("100s after the first, 50s after the second").isEmpty();
    clock.advance(Duration.ofSeconds(20));
    assertThat(heartbeat.stuck()).hasValueSatisfying(why -> assertThat(why).contains("after 70s"));
  }

  @Test
  void theOldestWaitingResourceIsNamed() {
    heartbeat.reconcileCustomResource(policy("old"), null, Map.of());
    clock.advance(Duration.ofSeconds(30));
    heartbeat.reconcileCustomResource(policy("new"), null, Map.of());
    clock.advance(Duration.ofSeconds(40));

    assertThat(heartbeat.stuck()).hasValueSatisfying(why -> assertThat(why).startsWith("reconcile of old "));
    heartbeat.reconciliationExecutionFinished(policy("old"), Map.of());
    assertThat(heartbeat.stuck()).as("new waited 40s").isEmpty();
  }

  private static ClusterPolicy policy(String name) {
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
    return policy;
  }
}
