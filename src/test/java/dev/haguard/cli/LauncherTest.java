package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.support.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/haguard}, the command line the README gives: the jar, with the serial collector for
 * the one-shot commands and the JVM's defaults for the operator. Run by {@code sh} with a {@code
 * java} on the PATH that prints the arguments it was given, so that what is checked is the
 * launcher's choice, not a JVM's.
 */
class LauncherTest {
  private static final Path LAUNCHER = ProjectFiles.path("bin/haguard");

  @TempDir Path dir;
  private Path jar;

  @BeforeEach
  void fakeJavaAndJar() throws Exception {
    Path java = dir.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    jar = Files.writeString(dir.resolve("haguard.jar"), "not a jar");
  }

  @Test
  void oneShotCommandsRunWithTheSerialCollector() throws Exception {
    for (String command : List.of("audit", "what-if", "pin", "demo")) {
      Result r = run(Map.of(), command, "-f", "a file.yaml");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("-XX:+UseSerialGC -jar " + jar + " " + command + " -f a file.yaml\n");
    }
  }

  @Test
  void theOperatorKeepsTheJvmDefaults() throws Exception {
    assertThat(run(Map.of(), "operator", "--metrics-port", "8080").out())
        .isEqualTo("-jar " + jar + " operator --metrics-port 8080\n");
  }

  @Test
  void haguardJavaOptsReplaceTheSettings() throws Exception {
    assertThat(run(Map.of("HAGUARD_JAVA_OPTS", "-Xmx1g -Dx=y"), "audit").out())
        .isEqualTo("-Xmx1g -Dx=y -jar " + jar + " audit\n");
    assertThat(run(Map.of("HAGUARD_JAVA_OPTS", ""), "audit").out()).isEqualTo("-jar " + jar + " audit\n");
  }

  @Test
  void aMissingJarIsOneLineAndExit2() throws Exception {
    Result r = run(Map.of("HAGUARD_JAR", dir.resolve("none.jar").toString()), "audit");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("haguard: " + dir.resolve("none.jar") + " is missing: run make build first\n");
  }

  private record Result(int exit, String out, String err) {}

  private Result run(Map<String, String> env, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    builder.environment().put("HAGUARD_JAR", jar.toString());
    builder.environment().remove("HAGUARD_JAVA_OPTS");
    builder.environment().putAll(env);
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = p.waitFor();
    return new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
