package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.snapshot.SyntheticCluster;
import dev.haguard.support.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged snapshots never crash {@code audit -f}: for every seeded damage of the demo cluster and
 * of a generated one, the exit code is 0, 1 or 2; a 2 comes with exactly one line naming the file,
 * never a stack trace; every run ends within a bound, and a huge input never makes a huge output.
 * A failing seed is re-run alone by its name ({@code seed N}); the mutator is deterministic.
 */
class AuditFuzzTest {
  /** Inputs per valid snapshot; with two snapshots this is the figure docs/reliability.md quotes. */
  static final int SEEDS = 150;
  private static final Duration PER_RUN = Duration.ofSeconds(20);
  private static final Map<Integer, Integer> EXITS = new TreeMap<>();

  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicTest> damagedDemoCluster() throws Exception {
    JsonNode demo = new YAMLMapper().readTree(ProjectFiles.path("examples/demo-cluster.yaml").toFile());
    return runs("demo", new SnapshotMutator(demo), 1);
  }

  @TestFactory
  Stream<DynamicTest> damagedSyntheticCluster() throws Exception {
    Path file = dir.resolve("synthetic.json");
    SyntheticCluster.withPods(60).writeJsonList(file);
    return runs("synthetic", new SnapshotMutator(new ObjectMapper().readTree(file.toFile())), 1_000_001);
  }

  private static Stream<DynamicTest> runs(String name, SnapshotMutator mutator, long firstSeed) {
    return LongStream.range(firstSeed, firstSeed + SEEDS).mapToObj(seed ->
        DynamicTest.dynamicTest(name + " seed " + seed, () -> auditSurvives(mutator.damage(seed), name + "-" + seed)));
  }

  private static void auditSurvives(SnapshotMutator.Damaged input, String name) throws Exception {
    Path file = Files.write(dir.resolve(name + (input.json() ? ".json" : ".yaml")), input.bytes());
    AuditRun run = assertTimeoutPreemptively(PER_RUN, () ->
        AuditRun.of(RuleCatalogue.all(), host -> List.of(), "-f", file.toString(), "-o", "json"), input.damages()::toString);
    synchronized (EXITS) {
      EXITS.merge(run.exit(), 1, Integer::sum);
    }
    String why = input.damages() + "\nstderr: " + abbreviated(run.err());
    assertThat(run.exit()).as(why).isIn(0, 1, 2);
    assertThat(run.err()).as(why).doesNotContain("\tat ", "Exception");
    if (run.exit() == 2) {
      assertThat(run.errLines()).as(why).singleElement().asString()
          .startsWith("haguard audit: " + file + ":").hasSizeLessThan(1_000);
      assertThat(run.out()).as(why).isEmpty();
    } else {
      // a damage that repeats an object is merged and said so; nothing else goes to stderr
      assertThat(run.errLines()).as(why).allMatch(line -> line.matches("haguard audit: \\d+ repeated objects merged .*"));
      // Findings quote names and images; a huge value may be quoted a few times, never copied without bound.
      assertThat(run.out().length()).as(why).isLessThan(8 * input.bytes().length + 1_000_000);
    }
    Files.delete(file);
  }

  private static String abbreviated(String text) {
    return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "...";
  }

  @AfterAll
  static void figures() {
    System.out.println("AuditFuzzTest: " + 2 * SEEDS + " damaged inputs, exit codes " + EXITS);
  }
}
