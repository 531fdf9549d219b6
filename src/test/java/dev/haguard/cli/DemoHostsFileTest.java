package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's hosts file: a line that is not an address and names is one line naming the file and line, exit 2. */
@EmbeddedTier
class DemoHostsFileTest {
  @TempDir Path dir;

  @Test
  void aLineWithoutANameIsNamedByFileAndLine() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "# the demo's DNS\n10.0.0.100  k8s.demo.test\n10.0.0.101\n");
    StringWriter err = new StringWriter();

    int exit = demo(hosts, err);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .contains(hosts + ": line 3: expected an IP address and at least one name, got \"10.0.0.101\"");
  }

  @Test
  void aNameWhereTheAddressBelongsIsNamedByFileAndLine() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "k8s.demo.test 10.0.0.100\n");
    StringWriter err = new StringWriter();

    assertThat(demo(hosts, err)).isEqualTo(2);
    assertThat(err.toString()).contains(hosts + ": line 1: expected an IP address").doesNotContain("Exception");
  }

  @Test
  void commentsBlankLinesAndIpv6AreRead() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "# DNS\n\n10.0.0.100 k8s.demo.test # the LB\nfd00:20:1::10 api6\n");
    StringWriter err = new StringWriter();

    assertThat(demo(hosts, err)).as(err.toString()).isZero();
  }

  private int demo(Path hosts, StringWriter err) throws Exception {
    Path cluster = hosts.resolveSibling("cluster.yaml");
    Files.writeString(cluster, new KubernetesSerialization().asYaml(new KubernetesListBuilder()
        .withItems(TestObjects.controlPlaneNode("cp-0", "zone-a"), TestObjects.clusterInfo("https://k8s.demo.test:6443"))
        .build()));
    CommandLine cl = Haguard.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute("demo", "--timeout", "60", "-f", cluster.toString());
  }
}
