package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code haguard demo} end to end on a small cluster: the embedded API server, the real operator, the output. */
@EmbeddedTier
class DemoCommandTest {
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;
  private Path cluster;

  /** Three zones with etcd and an apiserver in each; clients use a name that only the hosts file knows. */
  @BeforeEach
  void writeCluster() throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      objects.add(TestObjects.controlPlaneNode("cp-" + i, "zone-" + (char) ('a' + i)));
      objects.add(TestObjects.etcdPod("cp-" + i));
      objects.add(TestObjects.apiServerPod("cp-" + i, "10.0.0.1" + i));
    }
    objects.add(TestObjects.clusterInfo("https://k8s.demo.test:6443"));
    KubernetesList list = new KubernetesListBuilder().withItems(objects).build();
    cluster = dir.resolve("cluster.yaml");
    Files.writeString(cluster, serialization.asYaml(list));
    Files.writeString(dir.resolve("hosts"), "# the demo's DNS\n10.0.0.100  k8s.demo.test\n");
  }

  private int demo(String... args) {
    CommandLine cl = Haguard.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("demo", "--timeout", "60"));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  private ClusterPolicy printed() {
    return serialization.unmarshal(out.toString(), ClusterPolicy.class);
  }

  @Test
  void printsTheSettledPolicyASummaryAndTheDump() throws Exception {
    Path dump = dir.resolve("dump.yaml");

    assertThat(demo("-f", cluster.toString(), "-o", "yaml", "--dump", dump.toString())).as(err.toString()).isZero();

    ClusterPolicy policy = printed();
    // As kubectl prints it: plain strings unquoted, a string that reads as a number quoted.
    assertThat(out.toString()).startsWith("apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\n")
        .containsPattern("\n  resourceVersion: \"[0-9]+\"\n");
    assertThat(policy.getMetadata().getName()).isEqualTo("default");
    assertThat(policy.getStatus().observedGeneration()).isEqualTo(policy.getMetadata().getGeneration());
    assertThat(policy.getStatus().etcd().members()).isEqualTo(3);
    assertThat(policy.getStatus().apiServer().endpointKind()).isEqualTo(EndpointKind.LOAD_BALANCER);
    assertThat(err.toString()).contains("settled", "etcd:", "3 member(s)", "apiservers:", "zones:", "findings:",
        "controller-manager and kubelet");
    KubernetesList everything = serialization.unmarshal(Files.readString(dump), KubernetesList.class);
    assertThat(everything.getItems()).extracting(HasMetadata::getKind)
        .contains("CustomResourceDefinition", "ClusterPolicy", "Node", "Pod", "ConfigMap");
  }

  @Test
  void anInvalidPolicyFileIsSeededAsItIsAndReportedAsInvalidSpec() throws Exception {
    Path policyFile = dir.resolve("policy.yaml");
    Files.writeString(policyFile,
        "apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\nmetadata:\n  name: odd\nspec:\n  mode: Sometimes\n");

    assertThat(demo("-f", cluster.toString(), "-o", "yaml", "--policy", policyFile.toString()))
        .as(err.toString()).isZero();

    assertThat(out.toString()).contains("mode: Sometimes");
    assertThat(printed().getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("InvalidSpec");
      assertThat(c.getMessage()).contains("spec.mode");
    });
    assertThat(err.toString()).contains("InvalidSpec", "spec.mode");
  }

  @Test
  void modeOverridesThePolicys() {
    assertThat(demo("--filename", cluster.toString(), "-o", "yaml", "--mode", "Enforce")).as(err.toString()).isZero();
    assertThat(printed().getStatus().mode()).isEqualTo(Mode.ENFORCE);
  }

  @Test
  void printsTheSummaryAloneByDefault() {
    assertThat(demo("--file", cluster.toString())).as("the old option name still works: %s", err).isZero();

    assertThat(out.toString()).startsWith("haguard demo: ClusterPolicy default settled")
        .contains("etcd:", "3 member(s)", "findings:").doesNotContain("apiVersion");
  }

  @Test
  void anOutputFormatOtherThanYamlIsBadUsage() {
    assertThat(demo("-f", cluster.toString(), "-o", "json")).isEqualTo(2);
    assertThat(err.toString()).contains("-o/--output must be yaml, not json");
  }

  /** It ran the whole demo first, then failed writing, exit 3 with NoSuchFileException. */
  @Test
  void aDumpPathThatCannotBeWrittenIsBadUsageSaidBeforeTheDemoRuns() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "");
    Path[] paths = {dir.resolve("no/such/dir/dump.yaml"), dir, notADirectory.resolve("dump.yaml")};
    String[] problems = {"no such directory " + dir.resolve("no/such/dir"), "is a directory",
        "no such directory " + notADirectory};
    for (int i = 0; i < paths.length; i++) {
      err.getBuffer().setLength(0);

      assertThat(demo("-f", cluster.toString(), "--dump", paths[i].toString())).isEqualTo(2);

      assertThat(err.toString().lines()).singleElement().asString()
          .isEqualTo("haguard: --dump " + paths[i] + ": " + problems[i] + " (see haguard demo --help)");
    }
    assertThat(out.toString()).as("the demo did not run").isEmpty();
  }

  /**
   * JSON as audit reads it, which a YAML parser refuses (tab indents, one object after another), and
   * every kind seeded whole, the ones audit's reader skips (a Secret) included.
   */
  @Test
  void aJsonFileIsReadAsAuditReadsItAndSeededWithEveryKind() throws Exception {
    List<HasMetadata> objects = serialization.unmarshal(Files.readString(cluster), KubernetesList.class).getItems();
    StringBuilder json = new StringBuilder();
    objects.forEach(o -> json.append(serialization.asJson(o)).append('\n'));
    json.append("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Secret\",\n\t\"metadata\": {\"name\": \"s\", "
        + "\"namespace\": \"default\"}\n}\n");
    Path file = Files.writeString(dir.resolve("cluster.json"), json);
    Path dump = dir.resolve("dump.yaml");

    assertThat(demo("-f", file.toString(), "--dump", dump.toString())).as(err.toString()).isZero();

    assertThat(out.toString()).contains("(" + (objects.size() + 1) + " objects from " + file + ")");
    assertThat(serialization.unmarshal(Files.readString(dump), KubernetesList.class).getItems())
        .anySatisfy(o -> assertThat(o.getKind() + "/" + o.getMetadata().getName()).isEqualTo("Secret/s"));
  }

  /** audit's -f takes these; the demo seeds one file, and never waits on standard input. */
  @Test
  void aDirectoryOrStandardInputIsNotTheDemosFile() {
    assertThat(demo("-f", dir.toString())).isEqualTo(2);
    assertThat(demo("-f", "-")).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "haguard: " + dir + ": is a directory; the demo reads one file",
        "haguard: -: the demo reads a file, not standard input");
  }

  /** Checked once for every command (HaguardOutputTest); the demo runs in the embedded tier, so here. */
  @Test
  void aSummaryThatCannotBeWrittenExitsThree() {
    CommandLine cl = Haguard.commandLine();
    cl.setOut(new PrintWriter(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    }));
    cl.setErr(new PrintWriter(err));

    assertThat(cl.execute("demo", "--timeout", "60", "-f", cluster.toString())).as(err.toString()).isEqualTo(3);
    assertThat(err.toString().lines()).last().isEqualTo("haguard: cannot write the output");
  }

  @Test
  void badInputIsNamedAndExitsTwo() {
    assertThat(demo("-f", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yaml").doesNotContain("Exception");
    assertThat(demo("-f", cluster.toString(), "--mode", "Sometimes")).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
  }
}
