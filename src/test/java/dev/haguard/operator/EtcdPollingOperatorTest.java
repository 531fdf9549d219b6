package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.etcd.EtcdTestCluster;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.RealTier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The etcd probe runs beside the reconciles, not inside them: a probe that hangs does not hold a
 * pod change back from the status, and a new answer from etcd reaches the status with nothing else
 * changed (the re-check interval is 5 minutes here, and no reconcile is scheduled for etcd).
 */
@EmbeddedTier
class EtcdPollingOperatorTest extends OperatorTestBase {

  private ClusterPolicyStatus status() {
    return harness.policy("default").getStatus();
  }

  private static ClusterPolicy probing(List<URI> endpoints) {
    return EnforceFixtures.policy("default", spec(endpoints));
  }

  private static String spec(List<URI> endpoints) {
    return "{\"etcd\": {\"endpoints\": [" + String.join(", ",
        endpoints.stream().map(u -> "\"" + u + "\"").toList()) + "]}}";
  }

  @Test
  void aProbeThatHangsDoesNotHoldAPodChangeBack() throws IOException {
    try (Blackhole etcd = new Blackhole()) {
      client.resource(probing(List.of(etcd.url()))).create();
      // Each etcd call may wait 10 minutes: a reconcile that waited for the probe would write no status here.
      operator = harness.start(OperatorFixtures.settings().withEtcdProbeTimeout(Duration.ofMinutes(10)));
      await().atMost(SETTLE).until(() -> !etcd.held.isEmpty());

      client.resource(OperatorFixtures.latestPod(1)).create();

      await().atMost(SETTLE).ignoreException(NullPointerException.class).untilAsserted(() ->
          assertThat(status().findings()).extracting(Finding::rule, f -> f.object().name())
              .contains(tuple("image-mutable-tag", "web-1")));
      assertThat(status().etcd().source()).as("no probe answer yet: the etcd Pods are what is known")
          .isEqualTo(EtcdSource.PODS);
    }
  }

  @Test
  @RealTier
  void aNewAnswerFromEtcdUpdatesTheStatusByItself() throws IOException {
    try (EtcdTestCluster etcd = EtcdTestCluster.start(1, null); Blackhole elsewhere = new Blackhole()) {
      client.resource(probing(List.of(elsewhere.url()))).create();
      operator = harness.start(OperatorFixtures.settings().withEtcdProbeInterval(Duration.ofSeconds(1)));
      await().atMost(SETTLE).ignoreException(NullPointerException.class)
          .until(() -> status().etcd().source() == EtcdSource.PODS);

      // New endpoints are probed at once, and the answer of the old ones is never taken for theirs.
      client.resources(ClusterPolicy.class).withName("default")
          .edit(p -> {
            p.setRawSpec(probing(etcd.clientUrls()).getRawSpec());
            return p;
          });
      await().atMost(SETTLE).untilAsserted(() -> {
        assertThat(status().etcd().source()).isEqualTo(EtcdSource.PROBE);
        assertThat(status().etcd().members()).isEqualTo(1);
      });

      etcd.stop(0);

      await().atMost(SETTLE).untilAsserted(() ->
          assertThat(status().etcd().source()).as("etcd stopped answering").isEqualTo(EtcdSource.PODS));
    }
  }

  @Test
  void aDeletedPolicyIsNoLongerProbed() throws IOException {
    try (Blackhole etcd = new Blackhole()) {
      client.resource(probing(List.of(etcd.url()))).create();
      operator = harness.start(OperatorFixtures.settings().withEtcdProbeInterval(Duration.ofSeconds(1))
          .withEtcdProbeTimeout(Duration.ofMillis(200)));
      await().atMost(SETTLE).until(() -> etcd.held.size() >= 3);

      client.resources(ClusterPolicy.class).withName("default").delete();

      // Probed about every second while the policy lived; after, three seconds without a new connection.
      AtomicInteger seen = new AtomicInteger(-1);
      await().atMost(SETTLE).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(300))
          .until(() -> seen.getAndSet(etcd.held.size()) == etcd.held.size());
    }
  }

  /** A loopback port that accepts connections and never answers; it holds them until closed. */
  private static final class Blackhole implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<Socket> held = new CopyOnWriteArrayList<>();

    Blackhole() throws IOException {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(server.accept());
          }
        } catch (IOException closed) {
          // closed by the test
        }
      }, "blackhole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
