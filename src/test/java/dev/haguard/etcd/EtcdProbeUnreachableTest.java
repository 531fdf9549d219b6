package dev.haguard.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.EtcdObservation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Endpoints that refuse or never answer: the probe returns (bounded by its timeout) with the failures. */
class EtcdProbeUnreachableTest {

  @Test
  @Timeout(30)
  void endpointsThatRefuseOrHangBecomeErrorsNotExceptions() throws IOException {
    // A socket that accepts connections but never speaks HTTP/2: the worst case, a hung endpoint.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
         ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI hung = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      URI refused = URI.create("http://127.0.0.1:" + closed.getLocalPort());
      closed.close();

      EtcdObservation probe = new EtcdProbe(List.of(hung, refused), null, Duration.ofMillis(500)).probe();

      assertThat(probe.reachedCluster()).isFalse();
      assertThat(probe.hasLeader()).isFalse();
      assertThat(probe.errors()).hasSize(2)
          .anySatisfy(e -> assertThat(e).startsWith(hung.toString()))
          .anySatisfy(e -> assertThat(e).startsWith(refused.toString()));
    }
  }
}
