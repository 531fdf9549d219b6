package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.input.YamlInput;
import dev.haguard.support.GoldenCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code audit -o yaml} on every golden case prints its expected.yaml, byte for byte but for the times. */
class GoldenAuditTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> cases() {
    return GoldenCases.names();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void auditPrintsTheExpectedStatus(String name) {
    AuditRun run = AuditRun.of(RuleCatalogue.all(), GoldenCases.DNS,
        "-f", GoldenCases.objects(name).toString(), "-o", "yaml", "--fail-on", "none");

    assertThat(run.exit()).as(run.err()).isZero();
    GoldenCases.assertMatches(name, GoldenCases.withoutTimes(run.out()));
  }

  /**
   * The operator's caches hand the objects over in another order than the file: the same objects
   * shuffled (List items flattened, fixed seeds) must give the same status, byte for byte.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void theOrderOfTheObjectsChangesNothing(String name, @TempDir Path dir) throws Exception {
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode document : YamlInput.documents(Files.readString(GoldenCases.objects(name)), name)) {
      if (document.path("items").isArray()) {
        document.path("items").forEach(objects::add);
      } else if (document.isObject()) {
        objects.add(document);
      }
    }
    for (long seed = 1; seed <= 3; seed++) {
      Collections.shuffle(objects, new Random(seed));
      ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
      list.putArray("items").addAll(objects);
      Path shuffled = Files.writeString(dir.resolve("shuffled-" + seed + ".json"), JSON.writeValueAsString(list));

      AuditRun run = AuditRun.of(RuleCatalogue.all(), GoldenCases.DNS,
          "-f", shuffled.toString(), "-o", "yaml", "--fail-on", "none");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(GoldenCases.withoutTimes(run.out())).as("seed " + seed)
          .isEqualTo(Files.readString(GoldenCases.expected(name)));
    }
  }
}
