package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.analysis.Analyzer;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.demo.HostsFile;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotSources;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code demo} on the example must tell what {@code audit} tells of the same file: the operator,
 * the embedded API server and its seeding must neither lose nor invent anything (the embedded
 * server gives objects new uids, so owner references must be carried over when seeding).
 */
@EmbeddedTier
class DemoMatchesAuditTest {

  @Test
  void demoStatusEqualsTheAnalysisOfTheSameFile() throws Exception {
    String example = ProjectFiles.path("examples/demo-cluster.yaml").toString();
    StringWriter out = new StringWriter();
    CommandLine demo = Haguard.commandLine();
    demo.setOut(new PrintWriter(out));
    demo.setErr(new PrintWriter(new StringWriter()));
    assertThat(demo.execute("demo", "-f", example, "-o", "yaml", "--timeout", "60")).isZero();
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(ClusterPolicy.class);
    ClusterPolicyStatus shown = serialization.unmarshal(out.toString(), ClusterPolicy.class).getStatus();

    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(example), builder);
    ClusterSnapshot snapshot =
        SnapshotSources.build(builder, HostsFile.read(ProjectFiles.path("examples/hosts")));
    ClusterPolicyStatus analysed =
        StatusMapper.forCli().status(Analyzer.standard(Clock.systemUTC()).analyze(snapshot, PolicyResolver.defaults()));

    assertThat(shown.findings()).isEqualTo(analysed.findings());
    assertThat(shown.summary()).isEqualTo(analysed.summary());
    assertThat(shown.etcd()).isEqualTo(analysed.etcd());
    assertThat(shown.apiServer()).isEqualTo(analysed.apiServer());
    assertThat(shown.zones()).isEqualTo(analysed.zones());
  }
}
