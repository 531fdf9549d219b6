package dev.haguard.cli;

import dev.haguard.operator.HaguardOperator;
import dev.haguard.operator.Logging;
import dev.haguard.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
        + "of its service account. One replica holds the Lease haguard-leader and reconciles; others wait."})
public final class OperatorCommand implements Callable<Integer> {
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
    OperatorSettings settings = OperatorSettings.defaults().withHttpPort(metricsPort).withLeaderElection(
        new OperatorSettings.LeaderElection(leaseNamespace, Optional.empty(), true));
    KubernetesClient client = new KubernetesClientBuilder().build();
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
}
