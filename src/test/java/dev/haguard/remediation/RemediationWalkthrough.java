package dev.haguard.remediation;

import dev.haguard.operator.Fabric8WorkloadApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.policy.Policy;
import dev.haguard.support.MutableClock;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Every kind of API call the remediation engine makes, made once through {@code operator} (the
 * client under test, e.g. one that records): a bare-pod hand-off that succeeds, one that is rolled
 * back, and image pins on each kind of workload template. {@code controllers} plays the controllers
 * the embedded server lacks and reads the results.
 */
public final class RemediationWalkthrough {
  private RemediationWalkthrough() {}

  public static void run(KubernetesClient operator, KubernetesClient controllers) {
    Cluster cluster = new Cluster(controllers);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DigestResolver registry = (image, pull) ->
        CompletableFuture.completedFuture(new DigestResolver.ResolvedDigest(Fixtures.DIGEST_B));
    RemediationEngine engine = new RemediationEngine(new Fabric8WorkloadApi(operator), registry, clock,
        Duration.ofSeconds(1));
    Policy enforce = Fixtures.enforce();

    cluster.create(Fixtures.barePod("web", "nginx:1.27", Fixtures.DIGEST_A));
    engine.run(Fixtures.analysed(cluster.snapshot(), enforce), enforce);
    cluster.makeAvailable("web");
    for (int pass = 0; pass < 5 && cluster.pod("web").isPresent(); pass++) {
      engine.run(Fixtures.analysed(cluster.snapshot(), enforce), enforce);
    }
    assertThat(cluster.pod("web")).as("the hand-off deleted the bare pod").isEmpty();

    cluster.create(Fixtures.barePod("shell", "busybox:1.36", null));
    engine.run(Fixtures.analysed(cluster.snapshot(), enforce), enforce);
    clock.advance(Duration.ofSeconds(301));
    for (int pass = 0; pass < 5 && cluster.deployment("shell").isPresent(); pass++) {
      engine.run(Fixtures.analysed(cluster.snapshot(), enforce), enforce);
    }
    assertThat(cluster.deployment("shell")).as("the replacement was rolled back").isEmpty();

    cluster.create(TestObjects.deployment(Fixtures.NS, "api", 1, "api:latest"));
    StatefulSet db = cluster.create(TestObjects.statefulSet(Fixtures.NS, "db", 1, "db:latest"));
    cluster.create(new DaemonSetBuilder().withNewMetadata().withNamespace(Fixtures.NS).withName("agent")
        .withUid(TestObjects.uid()).endMetadata()
        .withNewSpec().withSelector(db.getSpec().getSelector()).withTemplate(db.getSpec().getTemplate()).endSpec()
        .build());
    cluster.create(TestObjects.cronJob(Fixtures.NS, "report", "report:latest"));
    engine.run(Fixtures.analysed(cluster.snapshot(), enforce), enforce);
    assertThat(controllers.resources(DaemonSet.class).inNamespace(Fixtures.NS).withName("agent").get().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage()).as("pinned").endsWith(Fixtures.DIGEST_B);
  }
}
