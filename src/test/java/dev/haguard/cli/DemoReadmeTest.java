package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README shows what {@code demo --mode Enforce} prints on stderr for the example; it must be what
 * the demo prints. Only the time taken and the file's path (absolute here) differ; the actions are
 * compared in any order, as status lists them in the order their passes found them.
 */
@EmbeddedTier
class DemoReadmeTest {
  private static final String COMMAND = "$ bin/haguard demo --mode Enforce -o yaml >policy.yaml";

  @Test
  void theEnforceDemoPrintsWhatTheReadmeShows() throws Exception {
    String example = ProjectFiles.path("examples/demo-cluster.yaml").toString();
    StringWriter err = new StringWriter();
    CommandLine demo = Haguard.commandLine();
    demo.setOut(new PrintWriter(new StringWriter()));
    demo.setErr(new PrintWriter(err));

    assertThat(demo.execute("demo", "--mode", "Enforce", "-o", "yaml", "-f", example, "--timeout", "90")).as(err.toString()).isZero();

    List<String> printed = normalised(err.toString().replace(example, "examples/demo-cluster.yaml"));
    assertThat(printed).containsExactlyInAnyOrderElementsOf(normalised(readmeBlock()));
  }

  /** The lines after {@link #COMMAND} in the README, up to the end of its code block. */
  private static String readmeBlock() throws Exception {
    String readme = Files.readString(ProjectFiles.path("README.md"));
    int start = readme.indexOf(COMMAND + "\n");
    assertThat(start).as("README shows `%s`", COMMAND).isNotNegative();
    int from = start + COMMAND.length() + 1;
    return readme.substring(from, readme.indexOf("```", from));
  }

  private static List<String> normalised(String text) {
    return Arrays.stream(text.split("\n")).map(line -> line.replaceAll("after [0-9.]+ s", "after N s"))
        .filter(line -> !line.isBlank()).toList();
  }
}
