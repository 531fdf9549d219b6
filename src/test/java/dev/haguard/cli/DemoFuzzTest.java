package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.haguard.Haguard;
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
