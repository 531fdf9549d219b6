package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the whole operator in one place, by hand: the JOSDK {@link Operator} with haguard's
 * settings, the ClusterPolicy reconciler and its collaborators, metrics and the HTTP endpoints.
 * {@code haguard operator}, {@code haguard demo} and the tests all build it here, so the settings
 * that ship are the ones tested.
 */
public final class HaguardOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HaguardOperator.class);
  /** The controller's name in JOSDK's logs and metrics. */
  public static final String CONTROLLER = "clusterpolicy";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HaguardMetrics metrics = new HaguardMetrics(registry);
  private final ReconcileHeartbeat heartbeat;
  private final Operator operator;
  private final RegistryDigests registries;
  private final Optional<HttpEndpoints> http;

  public HaguardOperator(KubernetesClient client, OperatorSettings settings) {
    registries = new RegistryDigests(new PullCredentials(client), settings.registries());
    heartbeat = new ReconcileHeartbeat(settings.clock(), settings.reconcileTimeout());
    operator = new Operator(o -> configure(o, client, settings));
    EventRecorder recorder = new EventRecorder(client, settings.clock());
    ClusterPolicyReconciler.Adapters adapters = new ClusterPolicyReconciler.Adapters(
        new EtcdPolling(new EtcdProbes(client, settings.etcdProbeTimeout()), settings.etcdProbeInterval()),
        registries, new Remediation(new Fabric8WorkloadApi(client), registries, recorder, metrics, settings.clock()),
        new ReportWriter(client, settings.clock(), settings.recheckInterval(), metrics));
    StatusRecorder status = new StatusRecorder(new FindingEvents(recorder), metrics,
        new StoredForm(client.getKubernetesSerialization()));
    ClusterPolicyReconciler reconciler = new ClusterPolicyReconciler(new ClusterCache(), settings.analyzer(),
        settings.resolver(), settings.clock(), status, metrics, adapters);
    operator.register(reconciler, c -> c
        .withName(CONTROLLER)
        .withReconciliationMaxInterval(settings.recheckInterval())
        .withRateLimiter(new LinearRateLimiter(Duration.ofSeconds(1), settings.reconcilesPerSecond()))
        // Without a finalizer JOSDK would not tell us of a deleted policy, whose meters must go.
        .withTriggerReconcilerOnAllEvents(true));
    http = settings.httpPort().map(port -> new HttpEndpoints(port, registry, this::ready, this::stuck));
  }

  /**
   * The operator-wide JOSDK settings, the same everywhere. Server-side apply is off: the status
   * goes out as a JSON patch to /status, which every API server (the embedded one included)
   * accepts; haguard has no dependent resources, and turning SSA off for them too keeps it so.
   */
  private void configure(ConfigurationServiceOverrider o, KubernetesClient client, OperatorSettings settings) {
    o.withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withMetrics(new AggregatedMetrics(List.of(MicrometerMetrics.withoutPerResourceMetrics(registry), heartbeat)))
        .withInformerStoppedHandler((informer, error) -> watchStopped(informer, error, settings.exitOnWatchFailure()));
    settings.leaderElection().ifPresent(le -> o.withLeaderElectionConfiguration(
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(OperatorSettings.LEASE_NAME)
            .withLeaseNamespace(le.namespace())
            .withIdentity(le.identity().orElse(null))
            .withExitOnStopLeading(le.exitOnStopLeading())
            .build()));
  }

  /**
   * An informer stopped. With an error, its watch failed beyond what fabric8 resumes (a protocol
   * error, a response it cannot parse): nothing of that kind will be seen again. JOSDK's own handler
   * exits with 1, which means a lost Lease here, and would end a JVM the demo or the tests share:
   * this one logs it, and then exits with its own code in a pod or leaves /healthz to report it.
   */
  static void watchStopped(SharedIndexInformer<?> informer, Throwable error, boolean exit) {
    if (error == null) {
      return; // stopped with the operator
    }
    LOG.error("A watch failed and cannot resume ({}): {}{}", informer.getApiTypeClass().getSimpleName(),
        error.getMessage(), exit ? "; exiting so that the pod restarts" : "; /healthz reports it");
    if (exit) {
      System.exit(OperatorSettings.EXIT_WATCH_FAILED);
    }
  }

  /** Every kind the operator watches, in the order it lists them. */
  public static List<Class<? extends HasMetadata>> watchedKinds() {
    return ReadSet.kinds();
  }

  /** Serves HTTP (if configured) and starts the operator; returns once every informer has synced. */
  public void start() {
    http.ifPresent(HttpEndpoints::start);
    operator.start();
  }

  /** Ready once started with every informer synced and watching (a standby replica's caches are warm too). */
  public boolean ready() {
    return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /**
   * Why the liveness probe should fail: the event sources (informers) JOSDK reports unhealthy once
   * started, e.g. one that stopped watching and does not recover, or a reconcile that has not ended
   * within {@link OperatorSettings#reconcileTimeout()}. Empty while starting (a slow start-up is the
   * readiness probe's business) and while informers and reconciles move.
   */
  public Optional<String> stuck() {
    RuntimeInfo info = operator.getRuntimeInfo();
    if (!info.isStarted()) {
      return Optional.empty();
    }
    if (info.allEventSourcesAreHealthy()) {
      return heartbeat.stuck();
    }
    return Optional.of("unhealthy event sources: " + info.unhealthyEventSources().entrySet().stream()
        .flatMap(controller -> controller.getValue().keySet().stream().map(source -> controller.getKey() + "/" + source))
        .sorted().collect(Collectors.joining(", ")));
  }

  /** The port of /metrics, /healthz and /readyz, when HTTP is served. */
  public Optional<Integer> httpPort() {
    return http.map(HttpEndpoints::port);
  }

  public MeterRegistry meterRegistry() {
    return registry;
  }

  /** Stops reconciling and serving; the Kubernetes client stays open for its owner to close. */
  @Override
  public void close() {
    operator.stop();
    registries.close();
    http.ifPresent(HttpEndpoints::close);
  }
}
