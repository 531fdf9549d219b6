package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.policy;
import static dev.haguard.operator.OperatorFixtures.threeZoneCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics, /healthz and /readyz of a running operator, scraped over HTTP. */
@EmbeddedTier
class OperatorHttpTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedCluster cluster;
  private HaguardOperator operator;

  @BeforeEach
  void start() {
    cluster = EmbeddedCluster.start();
    cluster.seed(threeZoneCluster());
    cluster.client().resource(OperatorFixtures.latestPod(1)).create();
    cluster.client().resource(policy("default")).create();
    operator = new HaguardOperator(cluster.client(), OperatorFixtures.settings().withHttpPort(0));
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + operator.httpPort().orElseThrow() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyOnlyOnceStartedAndSynced() throws Exception {
    assertThat(operator.ready()).isFalse();
    operator.start();
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void livenessFailsWhenTheInformersStopWatching() throws Exception {
    assertThat(operator.stuck()).as("not started yet: alive").isEmpty();
    operator.start();
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/healthz").body()).isEqualTo("ok\n");

    cluster.server().destroy(); // every watch drops, and no re-connection succeeds

    await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/healthz").statusCode()).isEqualTo(503));
    assertThat(get("/healthz").body()).startsWith("unhealthy event sources: " + HaguardOperator.CONTROLLER + "/");
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void livenessFailsWhileAReconcileIsBlockedPastTheTimeoutAndRecoversWhenItEnds() throws Exception {
    operator.close();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    CountDownLatch reconciling = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The reconcile resolves cluster-info's host on its own thread: blocking there blocks the reconcile.
    HostResolver blocking = host -> {
      reconciling.countDown();
      awaitQuietly(release);
      return List.of(host);
    };
    operator = new HaguardOperator(cluster.client(), OperatorFixtures.settings().withHttpPort(0).withClock(clock)
        .withResolver(blocking).withReconcileTimeout(Duration.ofMinutes(1)));
    try {
      operator.start();
      assertThat(reconciling.await(SETTLE.toSeconds(), TimeUnit.SECONDS)).as("a reconcile started").isTrue();
      assertThat(get("/healthz").statusCode()).as("blocked, but not for a minute yet").isEqualTo(200);

      clock.advance(Duration.ofSeconds(61));
      HttpResponse<String> stuck = get("/healthz");
      assertThat(stuck.statusCode()).isEqualTo(503);
      assertThat(stuck.body()).startsWith("reconcile of default not finished after 61s");
    } finally {
      release.countDown(); // never leave a reconcile thread blocked behind the test
    }
    await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/healthz").statusCode()).isEqualTo(200));
    clock.advance(Duration.ofHours(1));
    await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/healthz").body()).as("idle is alive").isEqualTo("ok\n"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void metricsCarryHaguardsFiguresAndJosdksAndForgetADeletedPolicy() throws Exception {
    operator.start();
    await().atMost(SETTLE).until(() -> get("/metrics").body().contains("haguard_etcd_members{policy=\"default\"} 3"));

    String metrics = get("/metrics").body();
    assertThat(get("/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics)
        .contains("haguard_etcd_remaining_failure_tolerance{policy=\"default\"} 1")
        .contains("haguard_etcd_quorum{policy=\"default\"} 2")
        .contains("haguard_apiserver_instances{policy=\"default\"} 3")
        .contains("haguard_zones{policy=\"default\"} 3")
        .contains("haguard_zone_loss_survivable{policy=\"default\",zone=\"zone-a\"} 1")
        .contains("haguard_findings{policy=\"default\",rule=\"image-mutable-tag\",severity=\"warning\"} 1")
        .contains("haguard_reconciles_total{outcome=\"updated\"}")
        .contains("operator_sdk_");

    cluster.client().pods().inNamespace("apps").withName("web-1").delete();
    await().atMost(SETTLE).until(() -> !get("/metrics").body().contains("haguard_findings{"));

    cluster.client().resources(ClusterPolicy.class).withName("default").delete();
    await().atMost(SETTLE).until(() -> !get("/metrics").body().contains("haguard_etcd_members{"));
  }
}
