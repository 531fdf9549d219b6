package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.operator.OperatorSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code haguard operator} as its container runs it, in a JVM of its own (the real main, exit code and
 * stderr), pointed by its kubeconfig at a loopback port nobody listens on.
 */
class OperatorCommandTest {
  private static final long PATIENCE_SECONDS = 60;

  @Test
  void anUnreachableApiServerGivesOneClearLineAndExitCode4(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """.formatted(closedPort));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path stderr = dir.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.haguard.Haguard", "operator", "--metrics-port=0")
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(stderr.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().remove("KUBERNETES_SERVICE_HOST");
    Process process = builder.start();

    boolean exited = process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("exited within %ds", PATIENCE_SECONDS).isTrue();
    List<String> lines = Files.readAllLines(stderr);
    assertThat(process.exitValue()).as("%s", lines).isEqualTo(OperatorCommand.EXIT_API_SERVER_UNREACHABLE);
    assertThat(lines).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    assertThat(lines).filteredOn(line -> line.contains("cannot reach the API server"))
        .singleElement().asString()
        .startsWith("haguard: cannot reach the API server at https://127.0.0.1:" + closedPort + "/")
        .contains("(connection refused)").contains("kubeconfig");
    assertThat(lines).as("%s", lines).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void inAPodTheOperatorExitsWhenItsLeaseOrAWatchIsLostAndTheDemoAndTestsDoNot() {
    OperatorSettings pod = OperatorCommand.settings(8080, "haguard-system");
    assertThat(pod.exitOnWatchFailure()).isTrue();
    assertThat(pod.leaderElection()).hasValueSatisfying(le -> assertThat(le.exitOnStopLeading()).isTrue());
    assertThat(pod.httpPort()).contains(8080);
    assertThat(OperatorSettings.defaults().exitOnWatchFailure()).isFalse();
  }
}
