package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.support.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit -o sarif} points each result at the line its object starts on, in the file it was
 * read from, for the shapes users feed it. Each input is written line by line here, and the line of
 * each object's start noted as it is written: the oracle does not read the file back.
 */
class SarifLineNumbersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Lines written so far, and the line each bare pod (by name) starts on. */
  private static final class Text {
    final StringBuilder text = new StringBuilder();
    final Map<String, Integer> startLines = new LinkedHashMap<>();
    int lines;

    Text line(String line) {
      text.append(line).append('\n');
      lines++;
      return this;
    }

    /** The next line written starts pod {@code name}. */
    Text startsPod(String name) {
      startLines.put(name, lines + 1);
      return this;
    }
  }

  @Test
  void multiDocumentYamlPointsAtEachDocumentsFirstLine() throws Exception {
    Text t = new Text().line("# pods of the shop, one document each");
    for (String name : List.of("web-1", "web-2", "web-3")) {
      t.line("---").line("# " + name).startsPod(name).line("apiVersion: v1").line("kind: Pod")
          .line("metadata:").line("  name: " + name).line("  namespace: shop")
          .line("spec:").line("  containers:").line("  - name: app").line("    image: nginx:1.27");
    }
    assertLines(write("pods.yaml", t), t);
  }

  @Test
  void kubectlYamlListPointsAtEachItem() throws Exception {
    Text t = new Text().line("apiVersion: v1").line("items:");
    for (String name : List.of("web-1", "web-2")) {
      t.startsPod(name).line("- apiVersion: v1").line("  kind: Pod").line("  metadata:")
          .line("    managedFields:").line("    - manager: kubectl").line("      operation: Update")
          .line("    name: " + name).line("    namespace: shop").line("  spec:").line("    containers:")
          .line("    - image: nginx:1.27").line("      name: app").line("  status:").line("    phase: Running");
    }
    t.line("kind: List").line("metadata:").line("  resourceVersion: \"\"");
    assertLines(write("list.yaml", t), t);
  }

  @Test
  void kubectlJsonListPointsAtEachItemsBrace() throws Exception {
    Text t = new Text().line("{").line("    \"apiVersion\": \"v1\",").line("    \"items\": [");
    List<String> names = List.of("web-1", "web-2");
    for (String name : names) {
      t.startsPod(name).line("        {").line("            \"apiVersion\": \"v1\",").line("            \"kind\": \"Pod\",")
          .line("            \"metadata\": {").line("                \"name\": \"" + name + "\",")
          .line("                \"namespace\": \"shop\"").line("            },").line("            \"spec\": {")
          .line("                \"containers\": [{\"image\": \"nginx:1.27\", \"name\": \"app\"}]")
          .line("            }").line(name.equals(names.get(names.size() - 1)) ? "        }" : "        },");
    }
    t.line("    ],").line("    \"kind\": \"List\",").line("    \"metadata\": {\"resourceVersion\": \"\"}").line("}");
    assertLines(write("list.json", t), t);
  }

  /** {@code yaml.dump} of a List: keys sorted, a shared value anchored once and aliased after. */
  @Test
  void pyyamlDumpWithAnchorsPointsAtEachItem() throws Exception {
    Text t = new Text().line("apiVersion: v1").line("items:");
    t.startsPod("web-1").line("- apiVersion: v1").line("  kind: Pod").line("  metadata:").line("    labels: &id001")
        .line("      app: web").line("    name: web-1").line("    namespace: shop").line("  spec: &id002")
        .line("    containers:").line("    - image: nginx:1.27").line("      name: app");
    t.startsPod("web-2").line("- apiVersion: v1").line("  kind: Pod").line("  metadata:").line("    labels: *id001")
        .line("    name: web-2").line("    namespace: shop").line("  spec: *id002");
    t.line("kind: List");
    assertLines(write("dump.yaml", t), t);
  }

  @Test
  void objectsOfSeveralFilesPointAtTheirOwnFile() throws Exception {
    Text first = new Text().startsPod("web-1").line("apiVersion: v1").line("kind: Pod")
        .line("metadata: {name: web-1, namespace: shop}").line("spec: {containers: [{name: app, image: nginx:1.27}]}");
    Text second = new Text().line("# another").startsPod("web-2").line("apiVersion: v1").line("kind: Pod")
        .line("metadata: {name: web-2, namespace: shop}").line("spec: {containers: [{name: app, image: nginx:1.27}]}");
    Path a = write("a.yaml", first);
    Path b = write("b.yaml", second);

    JsonNode results = sarif("-f", a.toString(), "-f", b.toString());

    assertThat(located(results, "web-1")).isEqualTo(SnapshotSourceOptions.uriOf(a) + ":" + first.startLines.get("web-1"));
    assertThat(located(results, "web-2")).isEqualTo(SnapshotSourceOptions.uriOf(b) + ":" + second.startLines.get("web-2"));
  }

  @Test
  void objectsFromStandardInputHaveNoFileAndNoRegion() throws Exception {
    Text t = new Text().line("apiVersion: v1").line("kind: Pod").line("metadata: {name: web-1, namespace: shop}")
        .line("spec: {containers: [{name: app, image: nginx:1.27}]}");
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(t.text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      JsonNode results = sarif("-f", "-");
      assertThat(results).isNotEmpty();
      assertThat(results.findValues("physicalLocation")).isEmpty();
    } finally {
      System.setIn(stdin);
    }
  }

  private void assertLines(Path file, Text t) throws Exception {
    JsonNode results = sarif("-f", file.toString());
    for (Map.Entry<String, Integer> pod : t.startLines.entrySet()) {
      assertThat(located(results, pod.getKey())).as(pod.getKey())
          .isEqualTo(SnapshotSourceOptions.uriOf(file) + ":" + pod.getValue());
    }
  }

  /** {@code URI:LINE} of the pod-bare result on pod {@code name}. */
  private static String located(JsonNode results, String name) {
    for (JsonNode r : results) {
      if (r.path("ruleId").asText().equals("pod-bare")
          && r.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText().equals("Pod/shop/" + name)) {
        JsonNode physical = r.at("/locations/0/physicalLocation");
        return physical.at("/artifactLocation/uri").asText() + ":" + physical.at("/region/startLine").asText();
      }
    }
    throw new AssertionError("no pod-bare result on " + name + " among " + results.size() + " results");
  }

  private static JsonNode sarif(String... files) throws Exception {
    String[] args = new String[files.length + 2];
    System.arraycopy(files, 0, args, 0, files.length);
    args[files.length] = "-o";
    args[files.length + 1] = "sarif";
    AuditRun run = AuditRun.of(RuleCatalogue.all(), host -> List.of(), args);
    assertThat(run.err()).doesNotContain("Exception");
    JsonNode log = JSON.readTree(run.out());
    JsonSchemas.assertValid(JsonSchemas.sarif(), log);
    return log.path("runs").get(0).path("results");
  }

  private Path write(String name, Text t) throws Exception {
    return Files.writeString(dir.resolve(name), t.text.toString());
  }
}
