package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.policy.SpecFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code audit --policy} exits 2 naming the field, for a bad value in any spec field. */
class AuditPolicyCoverageTest {
  @TempDir Path dir;

  static List<SpecFields.Broken> brokenSpecs() {
    return SpecFields.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSpecs")
  void exitsTwoNamingTheField(SpecFields.Broken broken) throws Exception {
    ObjectNode policy = JsonNodeFactory.instance.objectNode()
        .put("apiVersion", "haguard.dev/v1alpha1").put("kind", "ClusterPolicy");
    policy.putObject("metadata").put("name", "p");
    policy.set("spec", broken.spec());
    Path file = Files.writeString(dir.resolve("policy.json"), policy.toString());
    Path cluster = Files.writeString(dir.resolve("cluster.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: n}\n");

    AuditRun run = AuditRun.of(List.of(), host -> List.of(), "-f", cluster.toString(), "--policy", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("haguard audit: " + file + ": invalid policy: ").contains(broken.field());
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }
}
