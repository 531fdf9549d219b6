package dev.haguard.remediation.handoff;

import static dev.haguard.remediation.Fixtures.DIGEST_A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.operator.Fabric8WorkloadApi;
import dev.haguard.policy.Policy;
import dev.haguard.remediation.ActionType;
import dev.haguard.remediation.Cluster;
import dev.haguard.remediation.DigestResolver;
import dev.haguard.remediation.Fixtures;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.RemediationEngine;
import dev.haguard.remediation.RemediationOutcome;
import dev.haguard.remediation.RemediationResult;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.MutableClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bare-pod hand-off against the embedded API server; the test plays the Deployment controller. */
@EnableKubernetesMockClient(crud = true)
@EmbeddedTier
class BarePodHandoffTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  KubernetesClient client;
  KubernetesMockServer server;
  private Cluster cluster;
  private MutableClock clock;

  @BeforeEach
  void setUp() {
    cluster = new Cluster(client);
    clock = new MutableClock(START);
  }

  private RemediationEngine engine() {
    DigestResolver unused = (image, pull) -> CompletableFuture.failedFuture(new IllegalStateException("no registry"));
    return new RemediationEngine(new Fabric8WorkloadApi(client), unused, clock, Duration.ofSeconds(1));
  }

  private RemediationResult pass(Policy policy) {
    return engine().run(Fixtures.analysed(cluster.snapshot(), policy), policy);
  }

  private RemediationResult pass() {
    return pass(Fixtures.enforce());
  }

  private static Action only(RemediationResult r) {
    assertThat(r.actions()).hasSize(1);
    return r.actions().get(0);
  }

  @Test
  void successfulHandOff() {
    Pod pod = cluster.create(Fixtures.barePod("web", "nginx:latest", DIGEST_A));

    RemediationResult created = pass();
    assertThat(only(created).state()).isEqualTo("InProgress");
    assertThat(created.events()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(ActionType.REWRITE_BARE_POD));
    Deployment d = cluster.deployment("web").orElseThrow();
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.REWRITTEN_FROM, pod.getMetadata().getUid())
        .containsEntry(HandoffAnnotations.PHASE, "Created")
        .containsEntry(HandoffAnnotations.STARTED, "2026-01-01T00:00:00Z");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:latest@" + DIGEST_A);
    assertThat(cluster.pod("web").orElseThrow().getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.REPLACED_BY, "web");

    clock.advance(Duration.ofSeconds(10));
    assertThat(only(pass()).message()).contains("waiting for Deployment web");
    assertThat(cluster.pod("web")).isPresent();

    cluster.makeAvailable("web");
    assertThat(only(pass()).state()).isEqualTo("InProgress");
    assertThat(cluster.deployment("web").orElseThrow().getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.PHASE, "Available");

    RemediationResult done = pass();
    assertThat(only(done).state()).isEqualTo("Done");
    assertThat(done.outcomes()).containsExactly(
        new RemediationOutcome(ActionType.REWRITE_BARE_POD, RemediationOutcome.Outcome.DONE));
    assertThat(cluster.pod("web")).isEmpty();
    assertThat(cluster.deployments()).singleElement().satisfies(x -> assertThat(x.getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.PHASE, "Done"));

    assertThat(pass().actions()).as("a finished hand-off has nothing left to do").isEmpty();
  }

  @Test
  void timeoutRollsBackKeepsThePodAndBacksOff() {
    cluster.create(Fixtures.barePod("web", "nginx:1.27", null));
    pass();

    clock.advance(Duration.ofSeconds(301));
    RemediationResult deciding = pass();
    assertThat(deciding.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("Warning"));
    assertThat(cluster.deployment("web").orElseThrow().getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.PHASE, "RollingBack");

    RemediationResult rolledBack = pass();
    assertThat(only(rolledBack).state()).isEqualTo("RolledBack");
    assertThat(only(rolledBack).message()).contains("no available replica within 300s");
    assertThat(rolledBack.outcomes()).containsExactly(
        new RemediationOutcome(ActionType.REWRITE_BARE_POD, RemediationOutcome.Outcome.ROLLED_BACK));
    assertThat(cluster.deployments()).isEmpty();
    Pod kept = cluster.pod("web").orElseThrow();
    assertThat(kept.getMetadata().getAnnotations())
        .doesNotContainKey(HandoffAnnotations.REPLACED_BY)
        .containsEntry(HandoffAnnotations.ATTEMPTS, "1")
        .containsEntry(HandoffAnnotations.RETRY_AFTER, "2026-01-01T00:06:01Z")
        .containsKey(HandoffAnnotations.FAILURE);
    assertThat(rolledBack.nextRunAt()).contains(Instant.parse("2026-01-01T00:06:01Z"));

    RemediationResult waiting = pass();
    assertThat(only(waiting).state()).isEqualTo("RolledBack");
    assertThat(waiting.outcomes()).isEmpty();
    assertThat(cluster.deployments()).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    pass();
    assertThat(cluster.deployments()).as("after the backoff, a second attempt").hasSize(1);
  }

  @Test
  void crashLoopingReplacementRollsBackBeforeTheTimeout() {
    cluster.create(Fixtures.barePod("web", "nginx:1.27", null));
    pass();
    String label = cluster.deployment("web").orElseThrow().getSpec().getSelector().getMatchLabels()
        .get(HandoffAnnotations.REPLACEMENT_LABEL);
    cluster.create(new PodBuilder(Fixtures.barePod("web-7f9c-x", "nginx:1.27", null)).editMetadata()
        .addToLabels(HandoffAnnotations.REPLACEMENT_LABEL, label).endMetadata()
        .editStatus().withConditions().addNewContainerStatus().withName("app").withNewState().withNewWaiting()
        .withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus().endStatus().build());

    pass();

    assertThat(cluster.deployment("web").orElseThrow().getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.PHASE, "RollingBack")
        .hasEntrySatisfying(HandoffAnnotations.REASON, r -> assertThat(r).contains("CrashLoopBackOff"));
  }

  @Test
  void aNewEngineResumesFromTheAnnotationsAndNeverCreatesASecondDeployment() {
    cluster.create(Fixtures.barePod("web", "nginx:1.27", null));
    engine().run(Fixtures.analysed(cluster.snapshot(), Fixtures.enforce()), Fixtures.enforce());
    // The operator stopped between creating the Deployment and recording it on the pod.
    Pod pod = cluster.pod("web").orElseThrow();
    pod.getMetadata().getAnnotations().remove(HandoffAnnotations.REPLACED_BY);
    client.resource(pod).update();

    RemediationResult adopted = engine().run(Fixtures.analysed(
        cluster.snapshot(), Fixtures.enforce()), Fixtures.enforce());

    assertThat(only(adopted).message()).startsWith("adopted Deployment web");
    assertThat(cluster.deployments()).hasSize(1);
    assertThat(cluster.pod("web").orElseThrow().getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.REPLACED_BY, "web");
    cluster.makeAvailable("web");
    engine().run(Fixtures.analysed(cluster.snapshot(), Fixtures.enforce()), Fixtures.enforce());
    assertThat(only(engine().run(Fixtures.analysed(
        cluster.snapshot(), Fixtures.enforce()), Fixtures.enforce())).state()).isEqualTo("Done");
    assertThat(cluster.deployments()).hasSize(1);
    assertThat(cluster.pod("web")).isEmpty();
  }

  @Test
  void aDeploymentThatDisappearsCountsAsARollback() {
    cluster.create(Fixtures.barePod("web", "nginx:1.27", null));
    pass();
    client.apps().deployments().inNamespace(Fixtures.NS).withName("web").delete();

    RemediationResult r = pass();

    assertThat(only(r).state()).isEqualTo("RolledBack");
    assertThat(cluster.pod("web").orElseThrow().getMetadata().getAnnotations())
        .doesNotContainKey(HandoffAnnotations.REPLACED_BY).containsEntry(HandoffAnnotations.ATTEMPTS, "1");
  }

  @Test
  void takenNameGetsASuffixAndTheOtherDeploymentIsUntouched() {
    Deployment other = cluster.create(dev.haguard.support.TestObjects.deployment(Fixtures.NS, "web", 2,
        "other@" + DIGEST_A));
    cluster.create(Fixtures.barePod("web", "nginx:1.27", null));

    pass();

    assertThat(cluster.deployment("web-haguard")).isPresent();
    assertThat(cluster.deployment("web").orElseThrow().getMetadata().getResourceVersion())
        .isEqualTo(other.getMetadata().getResourceVersion());
  }

  @Test
  void readWriteOnceVolumeStaysOnTheNodeWithRecreate() {
    cluster.create(Fixtures.claim("data", "ReadWriteOnce"));
    cluster.create(Fixtures.withClaim(Fixtures.barePod("db", "postgres:16", null), "data"));

    pass();

    Deployment d = cluster.deployment("db").orElseThrow();
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()).singleElement()
        .satisfies(t -> assertThat(t.getMatchExpressions()).singleElement().satisfies(e -> {
          assertThat(e.getKey()).isEqualTo("kubernetes.io/hostname");
          assertThat(e.getValues()).containsExactly("node-1");
        }));
  }

  @Test
  void podsThatCannotBeRewrittenAreReportedAndUntouched() {
    cluster.create(Fixtures.claim("data", "ReadWriteOncePod"));
    cluster.create(Fixtures.withClaim(Fixtures.barePod("db", "postgres:16", null), "data"));
    cluster.create(new PodBuilder(Fixtures.barePod("once", "busybox:1.36", null)).editSpec().withRestartPolicy("Never")
        .endSpec().build());

    RemediationResult r = pass();

    assertThat(r.actions()).extracting(Action::state).containsOnly("Skipped").hasSize(2);
    assertThat(cluster.deployments()).isEmpty();
    assertThat(cluster.pod("db").orElseThrow().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void auditShowsThePlanAndWritesNothing() throws Exception {
    cluster.create(Fixtures.barePod("web", "nginx:latest", DIGEST_A));
    cluster.create(dev.haguard.support.TestObjects.deployment(Fixtures.NS, "api", 1, "api:latest"));
    Policy audit = Fixtures.policy(Mode.AUDIT, PinScope.MUTABLE_TAGS, PinSource.RUNNING);
    var snapshot = cluster.snapshot();
    int before = server.getRequestCount();

    RemediationResult r = engine().run(Fixtures.analysed(snapshot, audit), audit);

    assertThat(server.getRequestCount() - before).as("API requests in Audit").isZero();
    assertThat(r.actions()).extracting(Action::state).containsOnly("Planned").hasSize(2);
    assertThat(r.events()).isEmpty();
    assertThat(cluster.deployments()).singleElement().satisfies(d -> assertThat(d.getMetadata().getName())
        .isEqualTo("api"));
  }
}
