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

  /** The error and where the usage is, on one line: not the usage itself, which buried the error under 30 lines. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "audit -o bogus|audit|Invalid value for option '--output': \"bogus\" is not one of",
      "audit --fail-on bogus|audit|Invalid value for option '--fail-on'",
      "audit --bogus|audit|Unknown option: '--bogus'",
      "audit --etcd-endpoints ftp://x:1|audit|--etcd-endpoints[0]",
      "what-if --bogus|what-if|Unknown option: '--bogus'",
      "pin --bogus -f x.yaml|pin|Unknown option: '--bogus'",
      "demo --timeout 0|demo|--timeout must be a positive number of seconds",
      "demo --timeout abc|demo|Invalid value for option '--timeout'",
      "demo --mode bogus|demo|--mode must be Audit or Enforce, not bogus",
      "operator --log-format xml|operator|--log-format must be text or json, not xml",
      "bogus|''|Unmatched argument at index 0: 'bogus'"})
  void aUsageErrorIsOneLineThatSaysWhereTheUsageIs(String args, String command, String error) {
    assertThat(run(args.split(" "))).as(err.toString()).isEqualTo(ExitCodes.BAD_INPUT);

    String help = command.isEmpty() ? "haguard" : "haguard " + command;
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("haguard: " + error).endsWith(" (see " + help + " --help)");
    assertThat(out.toString()).isEmpty();
  }

  /** 2 and 3 can end every command, 3 (haguard failed, the output lost included) with the same words everywhere. */
  @ParameterizedTest
  @CsvSource({"'', 0 2 3", "audit, 0 1 2 3", "what-if, 0 1 2 3", "demo, 0 1 2 3", "operator, 0 1 2 3 4 5",
      "pin, 0 1 2 3"})
  void everyHelpListsTheExitCodesItsCommandCanReturn(String command, String codes) {
    assertThat(command.isEmpty() ? run("--help") : run(command, "--help")).isZero();

    String help = out.toString();
    assertThat(help).contains(System.lineSeparator() + System.lineSeparator() + "Exit codes:");
    assertThat(help.substring(help.indexOf("Exit codes:")).lines().filter(l -> l.matches("  [0-9]   .*"))
        .map(l -> l.substring(2, 3))).contains(codes.split(" ")).doesNotHaveDuplicates().isSorted();
    assertThat(help.replaceAll("\\s+", " ")).contains(" 3 " + ExitCodes.HAGUARD_FAILED);
  }

  @Test
  void theOperatorSaysWhatItsOwnExitCodesMean() {
    assertThat(run("operator", "--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:", "  0   stopped", "  1   lost the Lease", "  2   bad options",
        "  4   the API server cannot be reached", "  5   a watch of the API server failed");
  }

  @Test
  void pinDocumentsEveryExitCode() {
    assertThat(run("pin", "--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:", "  0   every image is pinned", "  1   some image could not",
        "  2   bad input", "  3   an internal failure");
  }
}
