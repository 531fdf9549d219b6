package dev.haguard.remediation.pinning;

import static dev.haguard.remediation.Fixtures.DIGEST_A;
import static dev.haguard.remediation.Fixtures.DIGEST_B;
import static dev.haguard.remediation.Fixtures.NS;
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
import dev.haguard.remediation.RemediationEngine;
import dev.haguard.remediation.RemediationOutcome;
import dev.haguard.remediation.RemediationResult;
import dev.haguard.remediation.ScriptedWorkloadApi;
import dev.haguard.remediation.WorkloadApi;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.MutableClock;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pinning workload templates against the embedded API server. */
@EnableKubernetesMockClient(crud = true)
@EmbeddedTier
class ImagePinningTest {
  KubernetesClient client;
  private Cluster cluster;
  private final List<String> asked = new ArrayList<>();
  private DigestResolver registry = (image, pull) -> {
    asked.add(image.original());
    return CompletableFuture.completedFuture(new DigestResolver.ResolvedDigest(DIGEST_B));
  };

  @BeforeEach
  void setUp() {
    cluster = new Cluster(client);
  }

  private RemediationResult pass(Policy policy, WorkloadApi api) {
    return new RemediationEngine(api, registry, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
        Duration.ofSeconds(2)).run(Fixtures.analysed(cluster.snapshot(), policy), policy);
  }

  private RemediationResult pass(Policy policy) {
    return pass(policy, new Fabric8WorkloadApi(client));
  }

  /** A Deployment with {@code digests.length} Ready pods, pod i running digests[i]. */
  private Deployment deploymentRunning(String name, String image, String... digests) {
    Deployment d = cluster.create(TestObjects.deployment(NS, name, digests.length, image));
    ReplicaSet rs = cluster.create(TestObjects.replicaSetOf(d));
    for (int i = 0; i < digests.length; i++) {
      cluster.create(Fixtures.runs(TestObjects.podOf(rs, i, "node-1"), "app", digests[i]));
    }
    return d;
  }

  private Container app(String deployment) {
    return cluster.deployment(deployment).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void pinsTheTemplateToTheDigestTheMajorityRuns() {
    deploymentRunning("api", "api:latest", DIGEST_A, DIGEST_A, DIGEST_B);
    ReplicaSet before = client.apps().replicaSets().inNamespace(NS).list().getItems().get(0);

    RemediationResult r = pass(Fixtures.enforce());

    assertThat(r.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("Done"))
        .satisfies(a -> assertThat(a.message()).contains("kubectl rollout undo -n " + NS + " deployment/api"));
    assertThat(r.outcomes()).containsExactly(
        new RemediationOutcome(ActionType.PIN_IMAGE, RemediationOutcome.Outcome.DONE));
    assertThat(app("api").getImage()).isEqualTo("api:latest@" + DIGEST_A);
    assertThat(app("api").getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems()).singleElement()
        .satisfies(rs -> assertThat(rs.getMetadata().getResourceVersion())
            .isEqualTo(before.getMetadata().getResourceVersion()));
    assertThat(asked).isEmpty();
    assertThat(pass(Fixtures.enforce()).actions()).as("pinned once").isEmpty();
  }

  @Test
  void driftWithoutMajorityLeavesTheWorkloadAlone() {
    Deployment d = deploymentRunning("api", "api:latest", DIGEST_A, DIGEST_B);

    RemediationResult r = pass(Fixtures.enforce());

    assertThat(r.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("Skipped"));
    assertThat(cluster.deployment("api").orElseThrow().getMetadata().getResourceVersion())
        .isEqualTo(d.getMetadata().getResourceVersion());
  }

  @Test
  void pinScopeNoneAndGitOpsChangeNothing() {
    deploymentRunning("api", "api:latest", DIGEST_A);
    cluster.create(new DeploymentBuilder(TestObjects.deployment(NS, "argo", 1, "argo:latest")).editMetadata()
        .addToLabels("argocd.argoproj.io/instance", "shop").endMetadata().build());

    assertThat(pass(Fixtures.policy(Mode.ENFORCE, PinScope.NONE, PinSource.RUNNING)).actions()).isEmpty();
    RemediationResult r = pass(Fixtures.enforce());

    assertThat(app("argo").getImage()).isEqualTo("argo:latest");
    assertThat(r.actions()).filteredOn(a -> a.object().name().equals("argo")).singleElement()
        .satisfies(a -> assertThat(a.message()).contains("haguard pin"));
  }

  @Test
  void withoutReadyPodsTheRegistryIsAskedOncePerImage() {
    cluster.create(TestObjects.deployment(NS, "a", 1, "api:latest"));
    cluster.create(TestObjects.deployment(NS, "b", 1, "api:latest"));
    cluster.create(new CronJobBuilder().withNewMetadata().withNamespace(NS).withName("report").endMetadata()
        .withNewSpec().withSchedule("0 * * * *").withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
        .addNewContainer().withName("report").withImage("report").endContainer().withRestartPolicy("OnFailure")
        .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build());

    RemediationResult r = pass(Fixtures.enforce());

    assertThat(asked).containsExactlyInAnyOrder("api:latest", "report");
    assertThat(r.actions()).filteredOn(a -> a.object().kind().equals("CronJob")).singleElement()
        .satisfies(a -> assertThat(a.message()).as("a CronJob has no rollout to undo")
            .contains("set the image back to report").doesNotContain("rollout undo"));
    assertThat(app("a").getImage()).isEqualTo("api:latest@" + DIGEST_B);
    assertThat(app("b").getImage()).isEqualTo("api:latest@" + DIGEST_B);
    CronJob cronJob = client.batch().v1().cronjobs().inNamespace(NS).withName("report").get();
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("report@" + DIGEST_B);
  }

  @Test
  void registryPinSourceAsksTheRegistryEvenWithRunningPods() {
    deploymentRunning("api", "api:latest", DIGEST_A);

    pass(Fixtures.policy(Mode.ENFORCE, PinScope.MUTABLE_TAGS, PinSource.REGISTRY));

    assertThat(app("api").getImage()).isEqualTo("api:latest@" + DIGEST_B);
  }

  @Test
  void anUnresolvableImageIsLeftAloneAndRetriedWhileTheRestGoesOn() {
    registry = (image, pull) -> image.original().startsWith("down")
        ? CompletableFuture.failedFuture(new IllegalStateException("registry down.example: connection refused"))
        : CompletableFuture.completedFuture(new DigestResolver.ResolvedDigest("sha256:not-hex"));
    cluster.create(TestObjects.deployment(NS, "down", 1, "down.example/app"));
    cluster.create(TestObjects.deployment(NS, "liar", 1, "liar"));
    deploymentRunning("api", "api:latest", DIGEST_A);

    RemediationResult r = pass(Fixtures.enforce());

    assertThat(r.actions()).extracting(a -> a.object().name() + "=" + a.state())
        .containsExactlyInAnyOrder("down=Failed", "liar=Failed", "api=Done");
    assertThat(r.actions()).filteredOn(a -> a.object().name().equals("down")).extracting(Action::message)
        .singleElement().asString().contains("image-digest-unresolved").contains("connection refused");
    assertThat(app("down").getImage()).isEqualTo("down.example/app");
    assertThat(app("liar").getImage()).isEqualTo("liar");
    assertThat(r.nextRunAt()).contains(Instant.parse("2026-01-01T00:01:00Z"));
  }

  @Test
  void aConflictOnTheWorkloadIsRetriedWithFreshState() {
    deploymentRunning("api", "api:latest", DIGEST_A);
    AtomicBoolean raced = new AtomicBoolean();
    ScriptedWorkloadApi api = new ScriptedWorkloadApi(new Fabric8WorkloadApi(client));
    api.afterRead(() -> {
      if (raced.compareAndSet(false, true)) {
        // Another writer changes the Deployment between our read and our patch.
        Deployment d = cluster.deployment("api").orElseThrow();
        d.getMetadata().getLabels().put("team", "shop");
        client.resource(d).update();
      }
    });

    RemediationResult r = pass(Fixtures.enforce(), api);

    assertThat(api.conflicts()).isEqualTo(1);
    assertThat(r.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("Done"));
    Deployment d = cluster.deployment("api").orElseThrow();
    assertThat(d.getMetadata().getLabels()).containsEntry("team", "shop");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("api:latest@" + DIGEST_A);
  }
}
