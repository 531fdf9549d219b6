package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.support.ProjectFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The same conventions on every command: kubectl's -f/--filename, -h/--help, --version from the build. */
class CliConventionsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Haguard.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @ParameterizedTest
  @CsvSource({"audit,-h", "audit,--help", "pin,-h", "pin,--help", "demo,-h", "demo,--help", "operator,-h",
      "operator,--help"})
  void helpPrintsUsageAndExitsZero(String command, String option) {
    assertThat(run(command, option)).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("Usage: haguard " + command);
    assertThat(err.toString()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"audit", "pin", "demo"})
  void fileInputIsDashFOrFilename(String command) {
    assertThat(run(command, "-h")).isZero();
    assertThat(out.toString()).contains("-f, --filename=PATH");
  }

  @Test
  void theDeprecatedDemoFileOptionIsHidden() {
    assertThat(run("demo", "-h")).isZero();
    assertThat(out.toString()).doesNotContain("--file=").doesNotContain("--file ");
  }

  @Test
  void versionIsTheProjectVersionOfTheBuild() throws Exception {
    Matcher version = Pattern.compile("<artifactId>haguard</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(ProjectFiles.path("pom.xml")));
    assertThat(version.find()).as("pom.xml names haguard's version").isTrue();

    assertThat(run("--version")).isZero();
    assertThat(out.toString()).isEqualTo("haguard " + version.group(1) + System.lineSeparator());
  }

  @Test
  void theOperatorDocumentsEveryExitCode() {
    assertThat(run("operator", "--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:", "  0   stopped", "  1   lost the Lease", "  2   bad options",
        "  3   out of memory", "  4   the API server cannot be reached");
  }

  @Test
  void pinDocumentsEveryExitCode() {
    assertThat(run("pin", "--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:", "  0   every image is pinned", "  1   some image could not",
        "  2   bad input", "  3   an internal failure");
  }
}
