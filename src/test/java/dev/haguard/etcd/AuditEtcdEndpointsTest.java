package dev.haguard.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.Haguard;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.cli.ExitCodes;
import dev.haguard.support.RealTier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code audit --etcd-endpoints} alone (no -f, no cluster) against a real 3-member etcd with one member down. */
@RealTier
@Timeout(120)
class AuditEtcdEndpointsTest {

  @Test
  void oneMemberDownOfThreeLeavesNoToleranceAndFailsTheAudit() throws Exception {
    try (EtcdTestCluster cluster = EtcdTestCluster.start(3)) {
      String endpoints = cluster.clientUrls().stream().map(URI::toString).collect(Collectors.joining(","));
      cluster.stop(2);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine audit = Haguard.commandLine();
      audit.setOut(new PrintWriter(out));
      audit.setErr(new PrintWriter(err));
      int exit = audit.execute("audit", "--etcd-endpoints", endpoints, "-o", "json");

      assertThat(exit).as(err.toString()).isEqualTo(1);
      ClusterPolicyStatus status = new ObjectMapper().readValue(out.toString(), ClusterPolicyStatus.class);
      assertThat(status.etcd().source()).isEqualTo(EtcdSource.PROBE);
      assertThat(status.etcd().members()).isEqualTo(3);
      assertThat(status.etcd().healthy()).isEqualTo(2);
      assertThat(status.etcd().remainingTolerance()).isZero();
      assertThat(status.findings()).extracting(Finding::rule).contains("etcd-quorum-at-risk");
    }
  }

  @Test
  void tlsFilesWithoutEndpointsAreAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine audit = Haguard.commandLine();
    audit.setOut(new PrintWriter(new StringWriter()));
    audit.setErr(new PrintWriter(err));

    assertThat(audit.execute("audit", "--etcd-cacert", "ca.crt")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--etcd-endpoints").doesNotContain("\tat ");
  }
}
