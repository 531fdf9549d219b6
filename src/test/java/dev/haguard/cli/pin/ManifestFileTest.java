package dev.haguard.cli.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one manifest file for {@code pin}. */
class ManifestFileTest {
  @TempDir
  Path dir;

  @Test
  void nestingTheStackCannotHoldIsBadInputNotACrash() throws Exception {
    Path file = Files.writeString(dir.resolve("deep.yaml"), "kind: ConfigMap\ndata:\n  x: " + "[".repeat(999)
        + "]".repeat(999) + "\n");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    // Within the depth bound, but on a stack too small for snakeyaml-engine's recursive composer.
    Thread small = new Thread(null, () -> {
      try {
        ManifestFile.read(file);
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "small-stack", 128 * 1024);
    small.start();
    small.join();

    assertThat(thrown.get()).isInstanceOf(PinInputException.class)
        .hasMessage(file + ": nested too deeply to read (more than the thread's stack holds)");
  }
}
