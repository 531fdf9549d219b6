package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: exit 2, one line on stderr naming the file (and place, or field), never a stack trace. */
class AuditBadInputTest {
  private static final String NODE = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n";

  @TempDir Path dir;

  private static AuditRun audit(String... args) {
    return AuditRun.of(List.of(), host -> List.of(), args);
  }

  private static void assertBadInput(AuditRun run, String... fragments) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().startsWith("haguard audit: ").contains(fragments);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("missing.yaml");

    assertBadInput(audit("-f", missing.toString()), missing + ": no such file or directory");
  }

  @Test
  void directoryWithABrokenFileNamesThatFile() throws Exception {
    Files.writeString(dir.resolve("a-good.yaml"), NODE);
    Path broken = Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("broken.json"), "{\"kind\": ");

    assertBadInput(audit("-f", dir.toString()), broken + ": line 1, column 10: JSON syntax error");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), NODE + "---\nkind: Pod\nmetadata: {name: [unclosed\n");

    assertBadInput(audit("-f", file.toString()), file + ": line 7, column 1: YAML syntax error: expected ',' or ']', but got <stream end>");
  }

  @Test
  void jsonSyntaxErrorNamesTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n  {\"apiVersion\": \"v1\" \"kind\": \"Pod\"}]}");

    assertBadInput(audit("-f", file.toString()), file + ": line 2, column ", "JSON syntax error: Unexpected character");
  }

  @Test
  void aDocumentThatIsNotAKubernetesObjectNamesItsIndex() throws Exception {
    Path file = Files.writeString(dir.resolve("docs.yaml"), NODE + "---\nname: just a map\nreplicas: 3\n");

    assertBadInput(audit("-f", file.toString()),
        file + ": line 5, document 2: not a Kubernetes object (it needs apiVersion and kind)");
  }

  @Test
  void aScalarDocumentIsNotAKubernetesObject() throws Exception {
    Path file = Files.writeString(dir.resolve("scalar.yaml"), "hello\n");

    assertBadInput(audit("-f", file.toString()), file + ": line 1, document 1: not a Kubernetes object");
  }

  @Test
  void aListItemThatCannotBindNamesItsIndexAndField() throws Exception {
    Path file = Files.writeString(dir.resolve("list.json"), """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": "nginx"}}
        ]}
        """);

    assertBadInput(audit("-f", file.toString()), file + ": line 3, document 1, item 2: Pod p cannot be read: spec.containers");
  }

  @Test
  void invalidPolicyNamesTheField() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        "apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\nmetadata: {name: p}\nspec:\n  apiServer: {minInstances: 0}\n");
    Path cluster = Files.writeString(dir.resolve("cluster.yaml"), NODE);

    assertBadInput(audit("-f", cluster.toString(), "--policy", policy.toString()),
        policy + ": invalid policy: spec.apiServer.minInstances: must be at least 1");
  }

  @Test
  void policyWithAValueTheTypesCannotHoldNamesTheField() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        "apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\nmetadata: {name: p}\nspec:\n  mode: Sometimes\n");

    assertBadInput(audit("--policy", policy.toString()), policy + ": invalid policy: spec.mode: invalid value \"Sometimes\"");
  }

  @Test
  void policyFileThatIsMissingBrokenOrOfAnotherKind() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: haguard.dev/v1alpha1\nkind: [\n");
    Path other = Files.writeString(dir.resolve("other.yaml"), NODE);

    assertBadInput(audit("--policy", missing.toString()), missing + ": no such file");
    assertBadInput(audit("--policy", broken.toString()), broken + ": line ", "syntax error");
    assertBadInput(audit("--policy", other.toString()), other + ": not a ClusterPolicy of haguard.dev/v1alpha1");
  }

  @Test
  void unknownOutputFormatIsAUsageError() {
    AuditRun run = audit("-o", "xml");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines().get(0)).contains("--output", "\"xml\" is not one of table, json, yaml");
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void unknownFailOnIsAUsageError() {
    AuditRun run = audit("--fail-on", "sometimes");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines().get(0)).contains("--fail-on", "\"sometimes\" is not one of critical, warning, info, none");
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }
}
