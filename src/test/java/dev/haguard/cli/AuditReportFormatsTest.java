package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haguard.Haguard;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.support.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit -o sarif|openreports|html} through the real command line. */
class AuditReportFormatsTest {
  private static final String DEMO = ProjectFiles.path("examples/demo-cluster.yaml").toString();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static AuditRun audit(String... args) {
    return AuditRun.of(RuleCatalogue.all(), host -> List.of(), args);
  }

  @Test
  void sarifLocatesResultsInTheOneFileRead() throws Exception {
    AuditRun run = audit("-f", DEMO, "-o", "sarif");

    assertThat(run.exit()).as(run.err()).isEqualTo(audit("-f", DEMO).exit());
    JsonNode results = JSON.readTree(run.out()).path("runs").get(0).path("results");
    assertThat(results).isNotEmpty();
    assertThat(JSON.readTree(run.out()).path("runs").get(0).path("tool").path("driver").path("version").asText())
        .isEqualTo(Haguard.version());
    // Surefire runs in the project directory: the URI is relative to it, as code scanning wants.
    assertThat(results.findValuesAsText("uri")).hasSize(results.size()).containsOnly("examples/demo-cluster.yaml");
  }

  @Test
  void aFileOutsideTheWorkingDirectoryIsAnAbsoluteFileUri(@TempDir Path dir) {
    Path outside = dir.resolve("my cluster.yaml");

    assertThat(SnapshotSourceOptions.uriOf(outside)).isEqualTo(outside.toUri().toString()).startsWith("file:///");
    assertThat(SnapshotSourceOptions.uriOf(Path.of("manifests", "a b.yaml"))).isEqualTo("manifests/a%20b.yaml");
  }

  @Test
  void sarifLocatesObjectsOfADirectoryInTheirFileAndTheRestNowhere(@TempDir Path dir) throws Exception {
    Files.copy(Path.of(DEMO), dir.resolve("cluster.yaml"));

    JsonNode results = JSON.readTree(audit("-f", dir.toString(), "-o", "sarif").out())
        .path("runs").get(0).path("results");

    assertThat(results).isNotEmpty();
    String file = SnapshotSourceOptions.uriOf(dir.resolve("cluster.yaml"));
    // Objects read from a file point at it; a finding on no object read (etcd seen through its
    // pods, say) names no file, as no one file holds it.
    assertThat(results.findValuesAsText("uri")).isNotEmpty().containsOnly(file);
    assertThat(results.findValues("startLine")).hasSameSizeAs(results.findValues("physicalLocation"));
    assertThat(results.findValues("logicalLocations")).hasSize(results.size());
  }

  @Test
  void openreportsIsAListKubectlApplies() throws Exception {
    AuditRun run = audit("-f", DEMO, "-o", "openreports");

    JsonNode list = YAML.readTree(run.out());
    assertThat(list.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(list.path("kind").asText()).isEqualTo("List");
    assertThat(list.path("items")).isNotEmpty()
        .allMatch(item -> item.path("apiVersion").asText().equals("openreports.io/v1alpha1"));
    assertThat(list.path("items").get(0).path("kind").asText()).isEqualTo("ClusterReport");
    assertThat(list.path("items").findValuesAsText("policy")).containsOnly("default");
  }

  @Test
  void openreportsNameTheClusterPolicyGiven() throws Exception {
    Path policy = ProjectFiles.path("config/samples/haguard.dev_v1alpha1_clusterpolicy.yaml");

    JsonNode list = YAML.readTree(audit("-f", DEMO, "--policy", policy.toString(), "-o", "openreports").out());

    assertThat(list.path("items").get(0).path("metadata").path("labels").path("haguard.dev/policy").asText())
        .isEqualTo(YAML.readTree(policy.toFile()).path("metadata").path("name").asText());
  }

  @Test
  void htmlIsOnePage() {
    AuditRun run = audit("-f", DEMO, "-o", "html");

    assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("eu-west-1a").endsWith("</html>\n");
  }
}
