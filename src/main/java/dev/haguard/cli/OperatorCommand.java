package dev.haguard.cli;

import dev.haguard.operator.HaguardOperator;
import dev.haguard.operator.Logging;
import dev.haguard.operator.OperatorSettings;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code haguard operator}: reconciles every ClusterPolicy until stopped (the container's entrypoint). */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = {"Runs the operator on the cluster of the kubeconfig (KUBECONFIG, ~/.kube/config) or, in a pod, "
        + "of its service account. One replica holds the Lease haguard-leader and reconciles; others wait."},
    exitCodeList = {
        "0:stopped (SIGTERM)",
        "1:lost the Lease to another replica (the pod restarts and waits as a standby)",
        "2:bad options, or the operator could not start",
        "4:the API server cannot be reached at start-up",
        "5:a watch of the API server failed and cannot resume (the pod restarts)"})
public final class OperatorCommand implements Callable<Integer> {
  /**
   * The settings of the operator in a pod: HTTP on {@code metricsPort}, the Lease in {@code
   * leaseNamespace} (exit when lost), exit when a watch cannot resume: the pod restarts either way.
   */
  static OperatorSettings settings(int metricsPort, String leaseNamespace) {
    return OperatorSettings.defaults().withHttpPort(metricsPort)
        .withLeaderElection(new OperatorSettings.LeaderElection(leaseNamespace, Optional.empty(), true))
        .withExitOnWatchFailure();
  }

  /** Exit code when the API server cannot be reached at start-up. */
  public static final int EXIT_API_SERVER_UNREACHABLE = 4;
  /** How long the start-up check waits for the API server, once, without fabric8's retries. */
  private static final int CONNECT_CHECK_MILLIS = 5_000;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (one JSON object a line) (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(names = "--namespace", paramLabel = "NAMESPACE",
      description = "Namespace of the leader-election Lease (default: $POD_NAMESPACE, else haguard-system).")
  String namespace;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--log-format must be text or json, not " + logFormat);
    }
    Logging.configure(Logging.Format.valueOf(logFormat.toUpperCase(Locale.ROOT)), false);
    Logger log = LoggerFactory.getLogger(OperatorCommand.class);
    String leaseNamespace = Optional.ofNullable(namespace).or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
        .orElse(OperatorSettings.DEFAULT_LEASE_NAMESPACE);
    OperatorSettings settings = settings(metricsPort, leaseNamespace);
    KubernetesClient client = new KubernetesClientBuilder().build();
    Optional<String> unreachable = unreachable(client);
    if (unreachable.isPresent()) {
      spec.commandLine().getErr().println("haguard: cannot reach the API server at " + client.getMasterUrl() + " ("
          + unreachable.get() + "); check the kubeconfig (KUBECONFIG, ~/.kube/config) or the pod's service account");
      client.close();
      return EXIT_API_SERVER_UNREACHABLE;
    }
    HaguardOperator operator = new HaguardOperator(client, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping");
      operator.close();
      client.close();
      stopped.countDown();
    }, "haguard-shutdown"));
    log.info("Starting on {} (Lease {}/{}, HTTP port {})", client.getMasterUrl(), leaseNamespace,
        OperatorSettings.LEASE_NAME, metricsPort);
    try {
      operator.start();
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException("cannot start the operator on " + client.getMasterUrl() + ": " + cause, e);
    }
    log.info("Started: informers synced");
    stopped.await();
    return 0;
  }

  /** The first cause a person can act on: refused, timed out, unknown host; else the innermost one. */
  private static String reason(Throwable e) {
    Throwable innermost = e;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
        return "no answer within " + CONNECT_CHECK_MILLIS / 1000 + " s";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + cause.getMessage();
      }
      innermost = cause;
    }
    return innermost.getMessage() == null ? innermost.getClass().getSimpleName()
        : innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
  }

  /**
   * Why the API server does not answer GET /version, once, within a few seconds; empty when it does.
   * Without this check the informers retry with back-off for about 20 s and then fail with stack traces.
   * Any HTTP answer (even 401 or 403) means it is reachable: the operator's start then says what is wrong.
   */
  private static Optional<String> unreachable(KubernetesClient client) {
    try (KubernetesClient once = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(CONNECT_CHECK_MILLIS)
        .withRequestTimeout(CONNECT_CHECK_MILLIS)
        .build()).build()) {
      once.getKubernetesVersion();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() > 0) {
        return Optional.empty();
      }
      return Optional.of(reason(e));
    }
  }
}
