package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code audit -f}: output formats and exit codes, with a test-only rule standing in for the catalogue. */
class AuditCommandTest {
  /** Reports a warning (workload-zone-spof's default severity) on every Deployment. */
  private static final Rule WARN_ON_EVERY_DEPLOYMENT = (context, findings) -> context.snapshot().deployments()
      .forEach(d -> findings.report(RuleId.WORKLOAD_ZONE_SPOF, ObjectRef.of(d), "test finding", "test remedy"));

  @TempDir Path dir;
  private Path cluster;

  @BeforeEach
  void writeCluster() throws Exception {
    cluster = Files.writeString(dir.resolve("cluster.yaml"), """
        apiVersion: v1
        kind: Node
        metadata: {name: n1, labels: {topology.kubernetes.io/zone: z1}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: n2, labels: {topology.kubernetes.io/zone: z2}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {replicas: 2}
        """);
  }

  private AuditRun audit(List<Rule> rules, String... args) {
    return AuditRun.of(rules, host -> List.of("192.0.2.1"), args);
  }

  @ParameterizedTest(name = "--fail-on {0} with a warning exits {1}")
  @CsvSource({"critical, 0", "warning, 1", "info, 1", "none, 0", "WARNING, 1"})
  void exitCodeFollowsFailOn(String failOn, int exit) {
    AuditRun run = audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString(), "--fail-on", failOn);

    assertThat(run.exit()).isEqualTo(exit);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void defaultFailOnIsCritical() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: haguard.dev/v1alpha1
        kind: ClusterPolicy
        metadata: {name: strict}
        spec:
          severityOverrides: {workload-zone-spof: critical}
        """);

    assertThat(audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString()).exit()).isZero();
    assertThat(audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString(), "--policy", policy.toString())
        .exit()).isEqualTo(1);
    assertThat(audit(List.of(), "-f", cluster.toString(), "--fail-on", "info").exit()).isZero();
  }

  @Test
  void jsonIsExactlyTheStatusShape() throws Exception {
    AuditRun run = audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString(), "-o", "json");

    ClusterPolicyStatus status = new ObjectMapper().readValue(run.out(), ClusterPolicyStatus.class);
    assertThat(status.summary()).isEqualTo(new ClusterPolicyStatus.Summary(0, 1, 0));
    assertThat(status.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("workload-zone-spof");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.object()).isEqualTo(new ObjectRef("apps/v1", "Deployment", "shop", "web"));
    });
    assertThat(status.zones().nodes()).containsEntry("z1", 1).containsEntry("z2", 1);
    assertThat(status.conditions()).isNotEmpty();
  }

  @Test
  void yamlIsTheSameStatus() throws Exception {
    AuditRun json = audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString(), "-o", "json");
    AuditRun yaml = audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString(), "-o", "yaml");

    ClusterPolicyStatus fromJson = new ObjectMapper().readValue(json.out(), ClusterPolicyStatus.class);
    ClusterPolicyStatus fromYaml = new KubernetesSerialization().unmarshal(yaml.out(), ClusterPolicyStatus.class);
    assertThat(fromYaml.findings()).isEqualTo(fromJson.findings());
    assertThat(fromYaml.zones()).isEqualTo(fromJson.zones());
    assertThat(fromYaml.etcd()).isEqualTo(fromJson.etcd());
  }

  @Test
  void tableShowsQuorumZonesAndFindingsWithoutColourOffATerminal() {
    AuditRun run = audit(List.of(WARN_ON_EVERY_DEPLOYMENT), "-f", cluster.toString());

    assertThat(run.out()).contains("ETCD QUORUM", "API SERVERS", "ZONES", "IF A ZONE GOES", "z1", "z2",
        "FINDINGS: 0 critical, 1 warning, 0 info", "WARNING", "workload-zone-spof  Deployment/shop/web",
        "test finding", "fix: test remedy");
    assertThat(run.out()).doesNotContain("\u001b[");
  }
}
