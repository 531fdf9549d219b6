package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.haguard.Haguard;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code demo -f} on damaged copies of the demo cluster (the same seeded damage as {@link
 * AuditFuzzTest}): the objects are seeded into the embedded API server and the real operator runs
 * on them, so each run takes seconds and only a few seeds run. It either runs (0 or 1) or exits 2
 * with one line naming the file; never a stack trace.
 */
@EmbeddedTier
class DemoFuzzTest {
  static final int SEEDS = 8;

  @TempDir static Path dir;

  @BeforeAll
  static void hostsFile() throws Exception {
    Files.copy(ProjectFiles.path("examples/hosts"), dir.resolve("hosts"));
  }

  @TestFactory
  Stream<DynamicTest> damagedDemoCluster() throws Exception {
    SnapshotMutator mutator =
        new SnapshotMutator(new YAMLMapper().readTree(ProjectFiles.path("examples/demo-cluster.yaml").toFile()));
    return LongStream.rangeClosed(1, SEEDS).mapToObj(seed ->
        DynamicTest.dynamicTest("demo seed " + seed, () -> demoSurvives(mutator.damage(seed), "demo-" + seed)));
  }

  /** Found by seed 3: fabric8's message for a wrong type spans two lines, the second naming Jackson's source. */
  @Test
  void aValueOfTheWrongTypeIsOneLineNamingTheFile() {
    byte[] pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: 5.8e299\n"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(demoSurvives(new SnapshotMutator.Damaged(pod, false, List.of("spec: a number")), "wrong-type"))
        .isEqualTo(2);
  }

  /**
   * demo -f read its file with fabric8's loader: YAML nested 5,000 deep overflowed the stack (exit 3),
   * and other errors said "Could not convert item to a list of HasMetadata", "An error has occurred."
   * or nothing of where. It now refuses what audit refuses, in audit's words.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "deep.yaml       | apiVersion: v1\\nkind: Pod\\nmetadata: {name: p}\\nspec:\\n  x: %s\\n",
      "deep.json       | {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"x\": %s}}",
      "configmap.yaml  | kind: ConfigMap\\n",
      "unclosed.yaml   | foo: [unclosed\\n",
      "negative.yaml   | apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: web, namespace: a}\\nspec: {replicas: -2}\\n",
      "secret.yaml     | apiVersion: v1\\nkind: Secret\\nmetadata: {name: s, namespace: a}\\n",
      "missing.yaml    | "})
  void demoRefusesWhatAuditRefusesInAuditsWords(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    if (text != null) {
      String deep = name.endsWith(".json") ? "[".repeat(3_000) + "]".repeat(3_000) : "[".repeat(5_000) + "]".repeat(5_000);
      Files.writeString(file, text.replace("\\n", "\n").replace("%s", deep));
    }
    AuditRun audit = AuditRun.of(RuleCatalogue.all(), host -> List.of(), "-f", file.toString());
    assertThat(audit.exit()).as(audit.err()).isEqualTo(2);

    StringWriter err = new StringWriter();
    CommandLine cl = Haguard.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("demo", "--timeout", "20", "-f", file.toString())).as(err.toString()).isEqualTo(2);

    assertThat(err.toString().lines()).singleElement()
        .isEqualTo(audit.err().strip().replaceFirst("^haguard audit: ", "haguard: "));
  }

  private static int demoSurvives(SnapshotMutator.Damaged input, String name) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path file = dir.resolve(name + (input.json() ? ".json" : ".yaml"));
    int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Files.write(file, input.bytes());
      CommandLine cl = Haguard.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      return cl.execute("demo", "--timeout", "20", "-o", "yaml", "-f", file.toString());
    });
    String why = input.damages() + "\nstderr: " + err;
    assertThat(exit).as(why).isIn(0, 1, 2);
    assertThat(err.toString()).as(why).doesNotContain("\tat ", "Exception");
    if (exit == 2) {
      assertThat(err.toString().lines()).as(why).singleElement().asString()
          .startsWith("haguard: " + file + ":").hasSizeLessThan(1_000);
    } else {
      assertThat(out.toString()).as(why).contains("kind: ClusterPolicy");
    }
    return exit;
  }
}
