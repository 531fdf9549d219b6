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
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code demo} on the example must tell what {@code audit} tells of the same file, as the golden
 * case {@code demo-cluster} records it (its expected.yaml, shared with GoldenAuditTest and
 * SnapshotCasesTest): the operator, the embedded API server and its seeding must neither lose nor
 * invent anything (the embedded server gives objects new uids, so owner references must be carried
 * over when seeding).
 */
@EmbeddedTier
class DemoMatchesAuditTest {

  @Test
  void demoStatusEqualsTheGoldenStatusOfTheSameFile() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine demo = Haguard.commandLine();
    demo.setOut(new PrintWriter(out));
    demo.setErr(new PrintWriter(new StringWriter()));
    String example = GoldenCases.objects(GoldenCases.DEMO).toString();
    assertThat(demo.execute("demo", "-f", example, "-o", "yaml", "--timeout", "60")).isZero();
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(ClusterPolicy.class);
    ClusterPolicyStatus shown = serialization.unmarshal(out.toString(), ClusterPolicy.class).getStatus();

    ClusterPolicyStatus golden = serialization.unmarshal(
        Files.readString(GoldenCases.expected(GoldenCases.DEMO)), ClusterPolicyStatus.class);

    assertThat(golden.findings()).as("the golden case's findings").isNotEmpty();
    assertThat(shown.findings()).isEqualTo(golden.findings());
    assertThat(shown.summary()).isEqualTo(golden.summary());
    assertThat(shown.etcd()).isEqualTo(golden.etcd());
    assertThat(shown.apiServer()).isEqualTo(golden.apiServer());
    assertThat(shown.zones()).isEqualTo(golden.zones());
  }
}
