package dev.haguard.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.operator.PublishedText;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.support.CapturedLogs;
import dev.haguard.support.RealTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd client key never leaves the probe: against a real TLS etcd, with the right key, a key of
 * another CA and a damaged key (from files and as a Secret's bytes), no part of a private key
 * appears in a log line (at DEBUG), an observation, a toString, or the status, Events and metrics.
 */
@RealTier
@Timeout(120)
class EtcdSecretsTest {
  /** The production default (2 s) is about answering fast; here the one good probe must reach etcd on a busy machine. */
  private static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(15);

  @TempDir Path certs;

  @Test
  void privateKeysAppearNowhere() throws Exception {
    TestCertificates good = TestCertificates.generate(Files.createDirectory(certs.resolve("good")), "haguard-ca");
    TestCertificates other = TestCertificates.generate(Files.createDirectory(certs.resolve("other")), "other-ca");
    byte[] key = Files.readAllBytes(good.clientKey());
    byte[] damaged = Files.readString(good.clientKey()).replace("A", "B").getBytes();
    List<String> said = new ArrayList<>();
    String logs;
    try (CapturedLogs captured = new CapturedLogs(); EtcdTestCluster cluster = EtcdTestCluster.start(1, good)) {
      List<EtcdTls> materials = List.of(
          EtcdTls.fromFiles(good.ca(), good.clientCert(), good.clientKey()),
          EtcdTls.fromFiles(good.ca(), other.clientCert(), other.clientKey()),
          EtcdTls.fromPem("kube-system/haguard-etcd-client", Files.readAllBytes(good.ca()),
              Files.readAllBytes(good.clientCert()), damaged));
      for (EtcdTls tls : materials) {
        said.add(tls.toString());
        EtcdObservation observed = new EtcdProbe(cluster.clientUrls(), tls, GENEROUS_TIMEOUT).probe();
        said.add(observed.toString());
        said.add(PublishedText.of(analysed(observed)));
      }
      logs = captured.text();
    }

    List<String> secrets = new ArrayList<>(keyLines(key));
    secrets.addAll(keyLines(Files.readAllBytes(other.clientKey())));
    secrets.addAll(keyLines(damaged));
    assertThat(said).noneMatch(t -> secrets.stream().anyMatch(t::contains));
    assertThat(logs).doesNotContain(secrets);
    // The three probes did what they should: one reached etcd, two were refused and said why.
    assertThat(String.join("\n", said)).contains("healthy=true").containsIgnoringCase("certif");
  }

  private static ClusterPolicyStatus analysed(EtcdObservation observed) {
    return StatusMapper.forCli().status(Analyzer.standard(Clock.systemUTC())
        .analyze(ClusterSnapshot.builder().etcdProbe(observed).build(), PolicyResolver.defaults()));
  }

  /** The base64 lines of a PEM private key: any of them in a text would disclose part of the key. */
  private static List<String> keyLines(byte[] pem) {
    return new String(pem).lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).toList();
  }
}
