package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.snapshot.ApiEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's {@code severityOverrides: {etcd-no-fault-tolerance: off}}: YAML 1.1 (kubectl, PyYAML)
 * reads a bare {@code off} as the boolean false. Quoted, it silences the rule; bare, the error says to quote it.
 */
class SeverityOffQuotingTest {
  @TempDir Path dir;

  /** One etcd member on a kubeadm control-plane node: etcd-no-fault-tolerance fires by default. */
  private Path oneMemberCluster() throws Exception {
    return Files.writeString(dir.resolve("cluster.yaml"), """
        apiVersion: v1
        kind: Node
        metadata:
          name: cp-0
          labels: {node-role.kubernetes.io/control-plane: "", topology.kubernetes.io/zone: a}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd-cp-0
          namespace: kube-system
          labels: {component: etcd, tier: control-plane}
        spec:
          nodeName: cp-0
          containers: [{name: etcd, image: registry.k8s.io/etcd:3.5.15-0}]
        status:
          phase: Running
          conditions: [{type: Ready, status: "True"}]
        """);
  }

  private Path policy(String value) throws Exception {
    return Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: haguard.dev/v1alpha1
        kind: ClusterPolicy
        metadata: {name: default}
        spec:
          severityOverrides: {etcd-no-fault-tolerance: %s}
        """.formatted(value));
  }

  @Test
  void quotedOffSilencesTheRule() throws Exception {
    AuditRun run = AuditRun.of(RuleCatalogue.all(), ApiEndpoints.JDK, "-f", oneMemberCluster().toString(),
        "--policy", policy("\"off\"").toString(), "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).doesNotContain("etcd-no-fault-tolerance").contains("\"etcd\"");
  }

  @Test
  void bareOffWorksAsWrittenInAPolicyFile() throws Exception {
    // haguard reads its files as YAML 1.2, where a bare off is the string "off".
    AuditRun run = AuditRun.of(RuleCatalogue.all(), ApiEndpoints.JDK, "-f", oneMemberCluster().toString(),
        "--policy", policy("off").toString(), "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).doesNotContain("etcd-no-fault-tolerance").contains("\"etcd\"");
  }

  @Test
  void aBooleanIsRefusedWithAdviceToQuoteIt() throws Exception {
    // What a YAML 1.1 reader such as kubectl makes of a bare off: the boolean false.
    Path policy = policy("false");
    AuditRun run = AuditRun.of(RuleCatalogue.all(), ApiEndpoints.JDK, "-f", oneMemberCluster().toString(),
        "--policy", policy.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .contains(policy.toString(), "spec.severityOverrides.etcd-no-fault-tolerance", "quote it", "\"off\"");
  }
}
