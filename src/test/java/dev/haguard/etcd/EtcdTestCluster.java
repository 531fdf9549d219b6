package dev.haguard.etcd;

import static org.awaitility.Awaitility.await;

import dev.haguard.support.RealComponents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real etcd cluster of local processes on free 127.0.0.1 ports, with temp data dirs: started
 * and waited for until healthy, members stopped and started, learners added. {@link #close()}
 * kills every process and deletes every directory; a shutdown hook does the same if the JVM exits
 * before the test's cleanup runs.
 */
public final class EtcdTestCluster implements AutoCloseable {
  private final String etcd = RealComponents.require("etcd");
  private final String etcdctl = RealComponents.require("etcdctl");
  private final Path dir;
  private final TestCertificates certificates;
  private final String token = "haguard-test-" + UUID.randomUUID();
  private final List<MemberProcess> members = new ArrayList<>();
  private final Thread cleanupOnExit = new Thread(this::destroy);

  /** One member: its name, ports, data dir and (while it runs) its process. */
  static final class MemberProcess {
    final String name;
    final int clientPort;
    final int peerPort;
    final Path dataDir;
    Process process;
    String initialCluster;
    String initialState;

    MemberProcess(String name, int clientPort, int peerPort, Path dataDir) {
      this.name = name;
      this.clientPort = clientPort;
      this.peerPort = peerPort;
      this.dataDir = dataDir;
    }

    String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }
  }

  private EtcdTestCluster(TestCertificates certificates) throws IOException {
    this.certificates = certificates;
    this.dir = Files.createTempDirectory("haguard-etcd");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  /** Starts {@code size} members (plain HTTP, or TLS on the client port when {@code certificates} is given). */
  public static EtcdTestCluster start(int size, TestCertificates certificates) throws IOException {
    EtcdTestCluster cluster = new EtcdTestCluster(certificates);
    try {
      for (int i = 0; i < size; i++) {
        cluster.members.add(cluster.newMember("etcd-" + i));
      }
      String initialCluster = cluster.members.stream().map(m -> m.name + "=" + m.peerUrl())
          .collect(Collectors.joining(","));
      for (MemberProcess m : cluster.members) {
        m.initialCluster = initialCluster;
        m.initialState = "new";
        cluster.launch(m);
      }
      cluster.awaitHealthy();
      return cluster;
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
  }

  static EtcdTestCluster start(int size) throws IOException {
    return start(size, null);
  }

  public List<URI> clientUrls() {
    return members.stream().filter(m -> m.initialState.equals("new")).map(this::clientUrl).toList();
  }

  URI clientUrl(MemberProcess m) {
    return URI.create((certificates == null ? "http" : "https") + "://127.0.0.1:" + m.clientPort);
  }

  MemberProcess member(int index) {
    return members.get(index);
  }

  /** Stops a member and waits until its process is gone. */
  public void stop(int index) {
    MemberProcess m = members.get(index);
    m.process.destroyForcibly();
    await().atMost(Duration.ofSeconds(10)).until(() -> !m.process.isAlive());
  }

  /** Starts a stopped member again on its data dir. */
  void restart(int index) throws IOException {
    launch(members.get(index));
  }

  /**
   * Adds a learner with {@code etcdctl member add --learner}; it is started only by
   * {@link #startLearner}, so that a test can see it before it runs.
   */
  MemberProcess addLearner(String name) throws IOException {
    MemberProcess learner = newMember(name);
    // etcd refuses reconfiguration until every member has been connected for 5 s ("unhealthy cluster").
    String output = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> etcdctl("member", "add", name, "--learner", "--peer-urls=" + learner.peerUrl()), o -> true);
    learner.initialCluster = output.lines().filter(l -> l.startsWith("ETCD_INITIAL_CLUSTER="))
        .map(l -> l.substring("ETCD_INITIAL_CLUSTER=".length()).replace("\"", "")).findFirst()
        .orElseThrow(() -> new IllegalStateException("etcdctl member add said: " + output));
    learner.initialState = "existing";
    members.add(learner);
    return learner;
  }

  void startLearner(MemberProcess learner) throws IOException {
    launch(learner);
  }

  /** Waits until every running voting member reports healthy through etcdctl. */
  void awaitHealthy() {
    String endpoints = members.stream().filter(m -> m.process != null && m.process.isAlive())
        .map(m -> clientUrl(m).toString()).collect(Collectors.joining(","));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> {
          etcdctlAt(endpoints, "endpoint", "health");
          return true;
        });
  }

  /** Runs etcdctl against the running members; returns its output, throws on a non-zero exit. */
  String etcdctl(String... args) {
    String endpoints = members.stream().filter(m -> m.process != null && m.process.isAlive())
        .map(m -> clientUrl(m).toString()).collect(Collectors.joining(","));
    return etcdctlAt(endpoints, args);
  }

  private String etcdctlAt(String endpoints, String... args) {
    List<String> command = new ArrayList<>(List.of(etcdctl, "--endpoints=" + endpoints, "--command-timeout=5s"));
    if (certificates != null) {
      command.addAll(List.of("--cacert=" + certificates.ca(), "--cert=" + certificates.clientCert(),
          "--key=" + certificates.clientKey()));
    }
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private MemberProcess newMember(String name) throws IOException {
    return new MemberProcess(name, freePort(), freePort(), dir.resolve(name));
  }

  private void launch(MemberProcess m) throws IOException {
    String clientUrl = clientUrl(m).toString();
    List<String> command = new ArrayList<>(List.of(etcd,
        "--name", m.name,
        "--data-dir", m.dataDir.toString(),
        "--listen-client-urls", clientUrl,
        "--advertise-client-urls", clientUrl,
        "--listen-peer-urls", m.peerUrl(),
        "--initial-advertise-peer-urls", m.peerUrl(),
        "--initial-cluster", m.initialCluster,
        "--initial-cluster-state", m.initialState,
        "--initial-cluster-token", token,
        "--log-level", "warn",
        "--logger", "zap"));
    if (certificates != null) {
      command.addAll(List.of("--cert-file", certificates.serverCert().toString(),
          "--key-file", certificates.serverKey().toString(),
          "--trusted-ca-file", certificates.ca().toString(), "--client-cert-auth"));
    }
    m.process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(m.name + ".log").toFile()))
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void destroy() {
    for (MemberProcess m : members) {
      if (m.process != null) {
        m.process.destroyForcibly();
      }
    }
    for (MemberProcess m : members) {
      if (m.process != null) {
        m.process.onExit().join();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the directory is under the system temp dir.
    }
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook ran or runs.
    }
  }
}
