package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.GoldenCases;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code demo} on a file must tell what {@code audit} tells of the same file, as its golden case
 * records it (expected.yaml, shared with GoldenAuditTest and SnapshotCasesTest): the operator, the
 * embedded API server and its seeding must neither lose nor invent anything (the embedded server
 * gives objects new uids, so owner references must be carried over when seeding). The cases: the
 * demo's example, and the realistic snapshots of what-if (issue 16: kubeadm, EKS with PDBs, a drain
 * blocked by minAvailable = replicas), so the operator's zone and riskiest-node answers are the CLI's.
 */
@EmbeddedTier
class DemoMatchesAuditTest {

  @ParameterizedTest
  @ValueSource(strings = {GoldenCases.DEMO, "kubeadm", "eks-pdbs", "drain-blocked-min-available"})
  void demoStatusEqualsTheGoldenStatusOfTheSameFile(String goldenCase) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine demo = Haguard.commandLine();
    demo.setOut(new PrintWriter(out));
    demo.setErr(new PrintWriter(new StringWriter()));
    String example = GoldenCases.objects(goldenCase).toString();
    assertThat(demo.execute("demo", "-f", example, "-o", "yaml", "--timeout", "60")).isZero();
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(ClusterPolicy.class);
    ClusterPolicyStatus shown = serialization.unmarshal(out.toString(), ClusterPolicy.class).getStatus();

    ClusterPolicyStatus golden = serialization.unmarshal(
        Files.readString(GoldenCases.expected(goldenCase)), ClusterPolicyStatus.class);

    assertThat(golden.findings()).as("the golden case's findings").isNotEmpty();
    assertThat(shown.findings()).isEqualTo(golden.findings());
    assertThat(shown.summary()).isEqualTo(golden.summary());
    assertThat(shown.etcd()).isEqualTo(golden.etcd());
    assertThat(shown.apiServer()).isEqualTo(golden.apiServer());
    assertThat(shown.zones()).isEqualTo(golden.zones());
  }
}
