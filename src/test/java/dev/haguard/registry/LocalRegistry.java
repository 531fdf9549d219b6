package dev.haguard.registry;

import static org.awaitility.Awaitility.await;

import dev.haguard.support.RealComponents;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker Distribution registry ({@code docker-registry serve}) on a free loopback port with
 * its storage in a temp dir, optionally behind htpasswd Basic auth. It can be stopped and started
 * again on the same port and storage mid-test. Push images to it with {@link #images()}.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final String basicAuthorization;
  private Process process;

  private LocalRegistry(Path dir, int port, String basicAuthorization) {
    this.dir = dir;
    this.port = port;
    this.basicAuthorization = basicAuthorization;
  }

  /** An open registry. */
  public static LocalRegistry start(Path dir) throws IOException {
    return start(dir, null, null);
  }

  /** A registry that needs {@code user}/{@code password} (htpasswd, bcrypt), or an open one when user is null. */
  public static LocalRegistry start(Path dir, String user, String password) throws IOException {
    RealComponents.require("docker-registry");
    String auth = "";
    String basic = null;
    if (user != null) {
      Path htpasswd = dir.resolve("htpasswd");
      Files.writeString(htpasswd, run(RealComponents.require("htpasswd"), "-Bbn", user, password));
      auth = "auth:\n  htpasswd:\n    realm: haguard-test\n    path: " + htpasswd + "\n";
      basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    int port = freePort();
    Files.writeString(dir.resolve("config.yml"), "version: 0.1\n"
        + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
        + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
        + "http:\n  addr: 127.0.0.1:" + port + "\n" + auth);
    LocalRegistry registry = new LocalRegistry(dir, port, basic);
    registry.start();
    return registry;
  }

  /** Starts (or starts again) the registry process and waits until {@code /v2/} answers. */
  public void start() throws IOException {
    process = new ProcessBuilder(RealComponents.require("docker-registry"), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
        .start();
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      int status = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 || status == 401;
    });
  }

  /** Stops the process (the storage stays, so {@link #start()} brings the same images back). */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** {@code 127.0.0.1:<port>}: the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** Pushes test images over the registry's HTTP API (with the registry's credentials, if any). */
  public TestImagePusher images() {
    return new TestImagePusher(URI.create("http://" + host()), basicAuthorization);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command[0], command[1]) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
