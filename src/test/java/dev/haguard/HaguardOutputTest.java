package dev.haguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.support.ProjectFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Output that cannot be written (a full disk, a closed pipe) is haguard's failure, exit 3 with one
 * line on stderr, whatever the command would have answered: a CI job must not pass on a cut-short file.
 */
class HaguardOutputTest {
  private static final String SNAPSHOT =
      ProjectFiles.path("src/test/resources/snapshots/kubeadm/objects.yaml").toString();

  private final StringWriter err = new StringWriter();

  /** Standard output on a full disk. */
  private static OutputStream fullDisk() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
  }

  private int run(PrintWriter out, String... args) {
    CommandLine cl = Haguard.commandLine();
    cl.setOut(out);
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "json", "yaml", "sarif", "openreports", "html"})
  void anAuditWhoseOutputIsLostExitsThree(String format) {
    assertThat(run(new PrintWriter(fullDisk()), "audit", "-f", SNAPSHOT, "-o", format, "--fail-on", "none"))
        .as(err.toString()).isEqualTo(3);
    assertThat(err.toString().lines()).singleElement().asString().startsWith("haguard: cannot write the output");
  }

  @Test
  void aLostOutputOutweighsTheFindings() {
    assertThat(run(new PrintWriter(fullDisk()), "audit", "-f", SNAPSHOT, "--fail-on", "info")).isEqualTo(3);
  }

  @Test
  void whatIfPinHelpAndVersionExitThreeToo(@TempDir Path dir) throws Exception {
    assertThat(run(new PrintWriter(fullDisk()), "what-if", "-f", SNAPSHOT, "--lose", "node/node-b1")).isEqualTo(3);
    Path pinned = Files.writeString(dir.resolve("pinned.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
        + "spec:\n  containers:\n  - name: c\n    image: busybox:1.36@sha256:" + "a".repeat(64) + "\n");
    assertThat(run(new PrintWriter(fullDisk()), "pin", "-f", pinned.toString())).isEqualTo(3);
    assertThat(run(new PrintWriter(fullDisk()), "audit", "--help")).isEqualTo(3);
    assertThat(run(new PrintWriter(fullDisk()), "--version")).isEqualTo(3);
    assertThat(err.toString().lines()).hasSize(4).allMatch(line -> line.startsWith("haguard: cannot write the output"));
  }

  @Test
  void standardOutputSaysWhyTheWriteFailed() {
    assertThat(run(new StandardOutput(fullDisk(), StandardCharsets.UTF_8), "audit", "-f", SNAPSHOT, "-o", "json"))
        .isEqualTo(3);
    assertThat(err.toString()).isEqualTo("haguard: cannot write the output: No space left on device"
        + System.lineSeparator());
  }

  @Test
  void outputThatIsWrittenChangesNothing() {
    StringWriter text = new StringWriter();
    assertThat(run(new PrintWriter(text), "audit", "-f", SNAPSHOT, "-o", "json", "--fail-on", "none")).isZero();
    assertThat(text.toString()).startsWith("{");
    assertThat(err.toString()).isEmpty();
  }
}
