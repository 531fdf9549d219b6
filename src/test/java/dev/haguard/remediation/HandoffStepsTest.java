package dev.haguard.remediation;

import static dev.haguard.remediation.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.MutableClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off's steps one at a time, at the moments where a workload can be lost: the world changes
 * between the start of a pass and its delete. Against the in-memory API server: each case is exact.
 */
class HandoffStepsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryWorkloadApi world = new InMemoryWorkloadApi();
  private final MutableClock clock = new MutableClock(START);
  private Pod bare;

  @BeforeEach
  void aBarePodWithAReplacement() {
    bare = world.put(Fixtures.barePod("web", "nginx:1.27", Fixtures.DIGEST_A));
    pass(world);
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Created");
  }

  private RemediationResult pass(WorkloadApi api) {
    DigestResolver none = (image, pull) -> CompletableFuture.failedFuture(new IllegalStateException("none"));
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(world.all()).build();
    return new RemediationEngine(api, none, clock, Duration.ofSeconds(1)).run(Fixtures.analysed(
        snapshot, Fixtures.enforce()), Fixtures.enforce());
  }

  private Deployment replacement() {
    return world.get(Deployment.class, NS, "web").orElseThrow();
  }

  private void setAvailable(int replicas) {
    Deployment d = replacement();
    d.setStatus(new DeploymentStatusBuilder().withAvailableReplicas(replicas).build());
    world.put(d);
  }

  private void rollingBack() {
    clock.advance(Duration.ofSeconds(301));
    pass(world);
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "RollingBack");
  }

  /** The pod is evicted after the pass read it and before the step's own reads: the n-th read evicts it. */
  private WorkloadApi evictingAtRead(int n) {
    AtomicInteger reads = new AtomicInteger();
    return new ScriptedWorkloadApi(world).afterRead(() -> {
      if (reads.incrementAndGet() == n) {
        world.delete(Pod.class, NS, "web", 30L);
      }
    });
  }

  @Test
  void aTerminatingBarePodDuringARollbackKeepsTheReplacement() {
    rollingBack();
    world.delete(Pod.class, NS, "web", 30L); // evicted: deletionTimestamp set, still listed

    RemediationResult r = pass(world);

    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Done")
        .hasEntrySatisfying(HandoffAnnotations.REASON, reason -> assertThat(reason).contains("only copy"));
    assertThat(r.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("Failed"));
  }

  @Test
  void aBarePodEvictedWhileTheRollbackRunsKeepsTheReplacement() {
    rollingBack();
    // Reads of the pass: the pod, the replacements; then the rollback reads the pod once more before its delete.
    pass(evictingAtRead(2));

    assertThat(world.get(Deployment.class, NS, "web")).isPresent();
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Done");
  }

  @Test
  void aReplacementPastItsProgressDeadlineRollsBackBeforeTheTimeoutAndOnlyThen() {
    Deployment d = replacement();
    d.setStatus(new DeploymentStatusBuilder().addNewCondition().withType("Progressing").withStatus("True")
        .withReason("ProgressDeadlineExceeded").endCondition().build());
    world.put(d);
    pass(world);
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Created");

    d = replacement();
    d.getStatus().getConditions().get(0).setStatus("False");
    world.put(d);
    pass(world);

    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "RollingBack")
        .containsEntry(HandoffAnnotations.REASON, "ProgressDeadlineExceeded");
  }

  @Test
  void aRollbackWithTheBarePodThereDeletesTheReplacementAndBacksOff() {
    rollingBack();

    pass(world);

    assertThat(world.get(Deployment.class, NS, "web")).isEmpty();
    assertThat(world.get(Pod.class, NS, "web").orElseThrow().getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.ATTEMPTS, "1")
        .containsKey(HandoffAnnotations.RETRY_AFTER)
        .doesNotContainKey(HandoffAnnotations.REPLACED_BY);
  }

  @Test
  void aRollbackAfterTheBarePodIsGoneKeepsTheReplacement() {
    rollingBack();
    world.remove(Pod.class, NS, "web");

    pass(world);

    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Done");
  }

  @Test
  void aReplacementThatLostItsAvailabilityBeforeTheDeleteKeepsTheBarePod() {
    setAvailable(1);
    pass(world);
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Available");
    setAvailable(0);
    clock.advance(Duration.ofSeconds(30));

    pass(world);

    assertThat(world.get(Pod.class, NS, "web").orElseThrow().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Created")
        .containsEntry(HandoffAnnotations.STARTED, "2026-01-01T00:00:30Z");
  }

  @Test
  void anAvailableReplacementGetsTheBarePodDeletedWithItsGracePeriod() {
    setAvailable(1);
    pass(world);

    pass(world);

    assertThat(world.get(Pod.class, NS, "web").orElseThrow().getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Done");
  }

  @Test
  void aBarePodEvictedBeforeTheDeleteIsNotDeletedAgainAndTheHandOffEnds() {
    setAvailable(1);
    pass(world);
    world.delete(Pod.class, NS, "web", 30L);
    world.finishTermination();

    RemediationResult r = pass(world);

    assertThat(replacement().getMetadata().getAnnotations()).containsEntry(HandoffAnnotations.PHASE, "Done");
    assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.message()).contains("replaced by Deployment web"));
  }

  @Test
  void someoneElsesDeploymentOfTheSameNameIsNeverTouched() {
    world.remove(Deployment.class, NS, "web");
    world.put(new DeploymentBuilder().withNewMetadata().withNamespace(NS).withName("web").endMetadata().build());
    Pod pod = world.get(Pod.class, NS, "web").orElseThrow();
    pod.getMetadata().getAnnotations().clear();
    world.put(pod);

    pass(world);

    assertThat(world.get(Deployment.class, NS, "web").orElseThrow().getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(world.replacements(NS)).singleElement()
        .satisfies(d -> assertThat(HandoffAnnotations.replaces(d, bare.getMetadata().getUid())).isTrue());
  }
}
