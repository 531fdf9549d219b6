package dev.haguard.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.EtcdObservation.Member;
import dev.haguard.support.RealTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real etcd serving TLS with client-certificate auth, on certificates the test makes with openssl. */
@RealTier
@Timeout(120)
class EtcdProbeTlsTest {
  @TempDir static Path certs;
  static TestCertificates good;
  static EtcdTestCluster cluster;

  @BeforeAll
  static void startTlsEtcd() throws IOException, InterruptedException {
    good = TestCertificates.generate(Files.createDirectory(certs.resolve("good")), "haguard-test-ca");
    cluster = EtcdTestCluster.start(1, good);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void probeVerifiesTheServerAgainstTheCaAndPresentsTheClientCertificate() throws EtcdTlsException {
    EtcdTls tls = EtcdTls.fromFiles(good.ca(), good.clientCert(), good.clientKey());

    EtcdObservation probe = new EtcdProbe(cluster.clientUrls(), tls, EtcdProbeRealClusterTest.PATIENT).probe();

    assertThat(probe.errors()).isEmpty();
    assertThat(probe.members()).singleElement().satisfies(m -> assertThat(m.healthy()).isTrue());
    assertThat(probe.members()).allMatch(Member::leader);
  }

  @Test
  void aWrongCaFailsLoudlyAndNamesTheCertificateProblem() throws Exception {
    TestCertificates other = TestCertificates.generate(Files.createDirectory(certs.resolve("other")), "another-ca");
    EtcdTls wrongCa = EtcdTls.fromFiles(other.ca(), good.clientCert(), good.clientKey());

    EtcdObservation probe = new EtcdProbe(cluster.clientUrls(), wrongCa, EtcdProbe.DEFAULT_TIMEOUT).probe();

    assertThat(probe.reachedCluster()).isFalse();
    assertThat(probe.hasLeader()).isFalse();
    assertThat(probe.errors()).singleElement().asString()
        .startsWith(cluster.clientUrls().get(0).toString())
        .containsIgnoringCase("certif");
  }

  @Test
  void unreadableTlsMaterialIsNamedWithoutItsContent() {
    Path missing = certs.resolve("missing.key");

    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> EtcdTls.fromFiles(good.ca(), good.clientCert(), missing)))
        .isInstanceOf(EtcdTlsException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void aKeyThatIsNotPemIsReportedInTheObservation() throws Exception {
    Path garbage = Files.writeString(certs.resolve("garbage.key"), "not a key");
    EtcdTls tls = EtcdTls.fromFiles(good.ca(), good.clientCert(), garbage);

    EtcdObservation probe = new EtcdProbe(cluster.clientUrls(), tls, EtcdProbe.DEFAULT_TIMEOUT).probe();

    assertThat(probe.reachedCluster()).isFalse();
    assertThat(probe.errors()).singleElement().asString().contains("the key is not PEM").contains(garbage.toString());
  }
}
