package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.FaultProxy;
import dev.haguard.support.FaultProxy.Request;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator against the embedded API server through {@link FaultProxy}, which injects what
 * the embedded server cannot: conflicts and server errors on the status patch, throttling, server
 * errors and connection resets on LIST and WATCH, a watch that ends with 410 Gone, a LIST that does
 * not answer. The operator must recover with fresh state, back off instead of looping, and never
 * write a status from a cache that has not synced.
 */
@EmbeddedTier
class ApiFaultsTest {
  private static final Predicate<Request> STATUS_PATCH = r -> "PATCH".equals(r.method()) && r.path().endsWith("/status");
  private static final Predicate<Request> PODS = r -> r.path().equals("/api/v1/pods");
  private static final Predicate<Request> PODS_LIST = PODS.and(Request::isList);
  private static final Predicate<Request> PODS_WATCH = PODS.and(Request::watch);
  private static final Predicate<Request> NODES_LIST = r -> r.path().equals("/api/v1/nodes") && r.isList();

  private final OperatorHarness harness = new OperatorHarness();
  private final KubernetesClient direct = harness.client;
  private FaultProxy proxy;
  private KubernetesClient proxied;
  private HaguardOperator operator;

  @BeforeEach
  void proxy() throws Exception {
    proxy = FaultProxy.start(direct.getMasterUrl().toString());
    proxied = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(direct.getConfiguration()).withMasterUrl(proxy.url()).build()).build();
    direct.resource(policy("default")).create();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    proxied.close();
    proxy.close();
    harness.close();
  }

  private void startOperator() {
    operator = new HaguardOperator(proxied, OperatorFixtures.settings());
    operator.start();
  }

  private ClusterPolicyStatus status() {
    return direct.resources(ClusterPolicy.class).withName("default").get().getStatus();
  }

  private void awaitMembers(int members) {
    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(status()).isNotNull();
      assertThat(status().etcd().members()).isEqualTo(members);
    });
  }

  private List<Request> seen(Predicate<Request> which) {
    return proxy.requests().stream().filter(which).toList();
  }

  private void deleteEtcdMember() {
    direct.pods().inNamespace("kube-system").withName("etcd-cp-0").delete();
  }

  @Test
  void conflictsOnTheStatusPatchAreRetriedWithFreshState() {
    proxy.inject(STATUS_PATCH, new FaultProxy.Status(409), 2);
    startOperator();
    await().atMost(SETTLE).until(() -> !seen(STATUS_PATCH).isEmpty());
    deleteEtcdMember(); // the retry must write what the cluster is now, not what the failed patch held

    awaitMembers(2);

    assertThat(seen(STATUS_PATCH)).extracting(Request::fault).startsWith("409", "409");
    assertThat(seen(STATUS_PATCH).get(seen(STATUS_PATCH).size() - 1).body()).contains("\"members\":2");
    assertThat(seen(STATUS_PATCH)).hasSizeLessThanOrEqualTo(6);
  }

  @Test
  void serverErrorsThrottlingAndResetsOnTheStatusPatchAreRetried() {
    proxy.inject(STATUS_PATCH, new FaultProxy.Status(503), 1)
        .inject(STATUS_PATCH, new FaultProxy.Status(429), 1)
        .inject(STATUS_PATCH, new FaultProxy.Reset(), 1)
        .inject(STATUS_PATCH, new FaultProxy.Status(500), 1);
    startOperator();

    awaitMembers(3);

    assertThat(seen(STATUS_PATCH)).extracting(Request::fault).startsWith("503", "429", "reset", "500");
    assertThat(seen(STATUS_PATCH)).hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void aWatchThatEndsWithGoneIsFollowedByAFreshList() throws Exception {
    startOperator();
    awaitMembers(3);
    int listsBefore = seen(PODS_LIST).size();
    CountDownLatch deleted = new CountDownLatch(1);
    proxy.inject(PODS_WATCH, new FaultProxy.WatchGone(deleted), 1);

    proxy.dropWatches(PODS_WATCH);
    await().atMost(SETTLE).until(() -> seen(PODS_WATCH).stream().anyMatch(r -> "watch-gone".equals(r.fault())));
    // Deleted while no watch is open: only a fresh LIST can tell (the embedded server's watch re-sends what
    // exists, and sends no DELETED for what went in between).
    deleteEtcdMember();
    deleted.countDown();

    awaitMembers(2);
    assertThat(seen(PODS_LIST).size()).isGreaterThan(listsBefore);
  }

  @Test
  void errorsThrottlingAndResetsOnListAtStartAreRetriedWithBackoff() {
    proxy.inject(NODES_LIST, new FaultProxy.Status(503), 2)
        .inject(NODES_LIST, new FaultProxy.Status(429), 1)
        .inject(NODES_LIST, new FaultProxy.Reset(), 2)
        .inject(NODES_LIST, new FaultProxy.Status(500), 1);
    startOperator();

    awaitMembers(3);

    List<Request> lists = seen(NODES_LIST);
    assertThat(lists).extracting(Request::fault).startsWith("503", "503", "429", "reset", "reset", "500");
    assertThat(lists).hasSizeLessThanOrEqualTo(9);
    assertThat(within(lists, lists.get(0).nanos(), Duration.ofMillis(500))).isLessThanOrEqualTo(5);
  }

  @Test
  void aFailingWatchIsRetriedWithBackoffAndTheStatusStaysTrue() {
    startOperator();
    awaitMembers(3);
    Duration window = Duration.ofSeconds(8);
    proxy.inject(PODS, new FaultProxy.Status(500), 3)
        .inject(PODS, new FaultProxy.Reset(), 3)
        .inject(PODS, new FaultProxy.Status(503), -1);
    long start = System.nanoTime();

    proxy.dropWatches(PODS_WATCH);
    await().during(window).atMost(window.plusSeconds(5)).untilAsserted(() ->
        assertThat(status().etcd().members()).isEqualTo(3));

    int attempts = within(seen(PODS), start, window);
    assertThat(attempts).as("pods requests in %s", window).isPositive().isLessThanOrEqualTo(20);
    long healed = System.nanoTime();
    proxy.heal();
    // fabric8 doubles its wait between watch attempts (seen: 1, 1, 1.5, 2.5, 4, 7 s), capped at 32 s.
    await().atMost(Duration.ofSeconds(40)).until(() ->
        seen(PODS_WATCH).stream().anyMatch(r -> r.nanos() > healed && r.fault() == null));
    deleteEtcdMember();
    awaitMembers(2);
  }

  @Test
  void noStatusIsWrittenUntilEveryInformerHasListed() throws Exception {
    CountDownLatch podsListed = new CountDownLatch(1);
    proxy.inject(PODS_LIST, new FaultProxy.Hold(podsListed), 1);
    CompletableFuture<Void> started = CompletableFuture.runAsync(this::startOperator);

    await().atMost(SETTLE).until(() -> seen(PODS_LIST).size() == 1 && seen(NODES_LIST).size() == 1);
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
      assertThat(seen(STATUS_PATCH)).isEmpty();
      assertThat(status()).isNull();
    });
    podsListed.countDown();
    started.get(30, TimeUnit.SECONDS);

    awaitMembers(3);
    assertThat(seen(STATUS_PATCH).get(0).body()).contains("\"members\":3");
  }

  private static int within(List<Request> requests, long from, Duration window) {
    return (int) requests.stream().filter(r -> r.nanos() >= from && r.nanos() - from <= window.toNanos()).count();
  }
}
