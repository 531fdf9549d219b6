package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.support.EmbeddedTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haguard demo} with no file, in a directory without the repository: the example comes from the classpath. */
@EmbeddedTier
class DemoAnywhereTest {
  private static final long PATIENCE_SECONDS = 120;

  @Test
  void runsTheBuiltInExampleFromAnEmptyDirectory(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.haguard.Haguard",
        "demo")
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile())
        .start();

    boolean exited = process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("exited within %ds", PATIENCE_SECONDS).isTrue();
    String stderr = Files.readString(dir.resolve("stderr"));
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(Files.readString(dir.resolve("stdout")))
        .startsWith("haguard demo: ClusterPolicy default settled")
        .contains("objects from examples/demo-cluster.yaml)", "apiservers: 3 instance(s)",
            "clients use https://k8s-api.demo.haguard.example:6443");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("stdout", "stderr");
    }
  }
}
