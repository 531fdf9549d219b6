package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.etcd.EtcdTestCluster;
import dev.haguard.etcd.TestCertificates;
import dev.haguard.support.RealTier;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd probe through the operator, against a REAL 3-member etcd over TLS with client
 * certificates from a Secret: status.etcd comes from the probe, and when a member stops, status and
 * the haguard_etcd_* gauges follow.
 */
@RealTier
class EtcdProbeOperatorTest extends OperatorTestBase {
  @TempDir Path dir;

  private double gauge(String name) {
    return operator.meterRegistry().find(name).tag("policy", "default").gauge().value();
  }

  private ClusterPolicyStatus status() {
    return harness.policy("default").getStatus();
  }

  @Test
  void statusAndMetricsFollowTheRealEtcd() throws Exception {
    TestCertificates certs = TestCertificates.generate(Files.createDirectory(dir.resolve("certs")), "haguard-test-ca");
    try (EtcdTestCluster etcd = EtcdTestCluster.start(3, certs)) {
      client.resource(new SecretBuilder().withNewMetadata().withNamespace("kube-system").withName("etcd-client")
          .endMetadata().withType("kubernetes.io/tls")
          .addToData("ca.crt", base64(certs.ca())).addToData("tls.crt", base64(certs.clientCert()))
          .addToData("tls.key", base64(certs.clientKey())).build()).create();
      String endpoints = etcd.clientUrls().stream().map(URI::toString).map(u -> "\"" + u + "\"")
          .collect(Collectors.joining(", "));
      client.resource(EnforceFixtures.policy("default", "{\"etcd\": {\"endpoints\": [" + endpoints + "],"
          + " \"tlsSecretRef\": {\"namespace\": \"kube-system\", \"name\": \"etcd-client\"}}}")).create();
      operator = harness.start(OperatorSettings.defaults().withoutHttp().withEtcdProbeInterval(Duration.ofSeconds(1)));

      await().atMost(SETTLE).ignoreException(NullPointerException.class).untilAsserted(() -> {
        ClusterPolicyStatus.Etcd e = status().etcd();
        assertThat(e.source()).isEqualTo(EtcdSource.PROBE);
        assertThat(e.members()).isEqualTo(3);
        assertThat(e.healthy()).isEqualTo(3);
        assertThat(gauge("haguard.etcd.remaining.failure.tolerance")).isEqualTo(1);
      });
      assertThat(status().findings()).extracting(Finding::rule).doesNotContain("etcd-no-leader");

      etcd.stop(2);

      await().atMost(SETTLE).untilAsserted(() -> {
        ClusterPolicyStatus.Etcd e = status().etcd();
        assertThat(e.members()).isEqualTo(3);
        assertThat(e.healthy()).isEqualTo(2);
        assertThat(e.remainingTolerance()).isZero();
        assertThat(status().findings()).extracting(Finding::rule).contains("etcd-quorum-at-risk");
        assertThat(gauge("haguard.etcd.remaining.failure.tolerance")).isZero();
        assertThat(gauge("haguard.etcd.healthy.members")).isEqualTo(2);
      });
    }
  }

  private static String base64(Path file) throws IOException {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
  }
}
