package dev.haguard.operator;

import dev.haguard.analysis.Analyzer;
import dev.haguard.etcd.EtcdProbe;
import dev.haguard.registry.DigestLookup;
import dev.haguard.registry.RegistryClient;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.HostResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What differs between one haguard operator and another: production ({@code haguard operator}),
 * the demo and the tests. Everything else (the JOSDK settings above all) is fixed in
 * {@link HaguardOperator}, so that the tested path is the one that ships.
 *
 * @param analyzer          the analysis every reconcile runs
 * @param clock             the time of condition transitions, Events and the liveness heartbeat
 * @param resolver          resolves the apiserver endpoint of cluster-info
 * @param recheckInterval   the longest time between two reconciles of a policy: what no watch
 *                          reports (DNS answers) is re-read at least this often
 * @param reconcilesPerSecond at most this many reconciles of one policy per second; events in
 *                          between coalesce into the next reconcile
 * @param httpPort          the port of /metrics, /healthz and /readyz; 0 picks a free one; empty: no HTTP
 * @param leaderElection    the Lease to hold before reconciling; empty: reconcile at once (demo)
 * @param etcdProbeInterval how often a policy with {@code spec.etcd.endpoints} asks etcd again (no watch
 *                          tells of a member that stopped)
 * @param etcdProbeTimeout  how long the probe waits for each etcd call (member list, each member's status)
 * @param registries        opens what Enforce asks for digests, per registry settings and credentials:
 *                          {@link RegistryClient} (HTTP) in production, the demo's simulated registry there
 * @param reconcileTimeout  /healthz fails once a reconcile JOSDK handed to its executor has not ended
 *                          after this long (blocked, or queued behind blocked ones); longer than any
 *                          honest reconcile, whose slowest calls (etcd, registries) have their own timeouts
 * @param exitOnWatchFailure exit the process ({@link #EXIT_WATCH_FAILED}) when a watch fails beyond what
 *                          fabric8 resumes, so that the pod restarts; otherwise the failure is logged and
 *                          /healthz reports it (the demo and the tests, which run in a JVM they share)
 */
public record OperatorSettings(
    Analyzer analyzer,
    Clock clock,
    HostResolver resolver,
    Duration recheckInterval,
    int reconcilesPerSecond,
    Optional<Integer> httpPort,
    Optional<LeaderElection> leaderElection,
    Duration etcdProbeInterval,
    Duration etcdProbeTimeout,
    DigestLookup.Factory registries,
    Duration reconcileTimeout,
    boolean exitOnWatchFailure) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_LEASE_NAMESPACE = "haguard-system";
  public static final String LEASE_NAME = "haguard-leader";
  public static final Duration DEFAULT_ETCD_PROBE_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONCILE_TIMEOUT = Duration.ofMinutes(5);
  /** The exit code when a watch failed beyond recovery (JOSDK's own would be 1, which means a lost Lease here). */
  public static final int EXIT_WATCH_FAILED = 5;

  /**
   * The Lease that elects the one replica that reconciles.
   *
   * @param namespace         the Lease's namespace (the operator pod's own)
   * @param identity          this replica's name in the Lease; empty: the pod name (HOSTNAME)
   * @param exitOnStopLeading exit the process when the Lease is lost, so that two replicas never
   *                          reconcile at once; only tests that run two operators in one JVM turn it off
   */
  public record LeaderElection(String namespace, Optional<String> identity, boolean exitOnStopLeading) {}

  /**
   * Production defaults: the standard analysis, the JDK resolver, a re-check every 5 minutes, port 8080,
   * no Lease, etcd probed every 30 s with 2 s per call, registries over HTTP, a reconcile stuck after 5 minutes,
   * a failed watch logged and reported by /healthz.
   */
  public static OperatorSettings defaults() {
    Clock clock = Clock.systemUTC();
    return new OperatorSettings(Analyzer.standard(clock), clock, ApiEndpoints.JDK, Duration.ofMinutes(5), 1,
        Optional.of(DEFAULT_HTTP_PORT), Optional.empty(), DEFAULT_ETCD_PROBE_INTERVAL, EtcdProbe.DEFAULT_TIMEOUT,
        RegistryClient::new, DEFAULT_RECONCILE_TIMEOUT, false);
  }

  public OperatorSettings withAnalyzer(Analyzer newAnalyzer) {
    return with(s -> s.analyzer = newAnalyzer);
  }

  public OperatorSettings withResolver(HostResolver newResolver) {
    return with(s -> s.resolver = newResolver);
  }

  public OperatorSettings withRecheckInterval(Duration interval) {
    return with(s -> s.recheckInterval = interval);
  }

  /** Serve HTTP on {@code port} (0: any free port). */
  public OperatorSettings withHttpPort(int port) {
    return with(s -> s.httpPort = Optional.of(port));
  }

  public OperatorSettings withoutHttp() {
    return with(s -> s.httpPort = Optional.empty());
  }

  public OperatorSettings withLeaderElection(LeaderElection election) {
    return with(s -> s.leaderElection = Optional.of(election));
  }

  public OperatorSettings withEtcdProbeInterval(Duration interval) {
    return with(s -> s.etcdProbeInterval = interval);
  }

  public OperatorSettings withEtcdProbeTimeout(Duration timeout) {
    return with(s -> s.etcdProbeTimeout = timeout);
  }

  /** At most {@code perSecond} reconciles of one policy per second. */
  public OperatorSettings withReconcilesPerSecond(int perSecond) {
    return with(s -> s.reconcilesPerSecond = perSecond);
  }

  /** Asks for digests through {@code factory} instead of registries over HTTP. */
  public OperatorSettings withRegistries(DigestLookup.Factory factory) {
    return with(s -> s.registries = factory);
  }

  /** Reads the time of the liveness heartbeat, conditions and Events from {@code newClock} (the analyzer keeps its own). */
  public OperatorSettings withClock(Clock newClock) {
    return with(s -> s.clock = newClock);
  }

  /** /healthz fails once a reconcile has not ended after {@code timeout}. */
  public OperatorSettings withReconcileTimeout(Duration timeout) {
    return with(s -> s.reconcileTimeout = timeout);
  }

  /** Exit with {@link #EXIT_WATCH_FAILED} when a watch fails beyond recovery: {@code haguard operator}, in a pod. */
  public OperatorSettings withExitOnWatchFailure() {
    return with(s -> s.exitOnWatchFailure = true);
  }

  /** A copy with what {@code change} sets: the one place that lists every field, so a new one is added once. */
  private OperatorSettings with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return new OperatorSettings(draft.analyzer, draft.clock, draft.resolver, draft.recheckInterval,
        draft.reconcilesPerSecond, draft.httpPort, draft.leaderElection, draft.etcdProbeInterval,
        draft.etcdProbeTimeout, draft.registries, draft.reconcileTimeout, draft.exitOnWatchFailure);
  }

  /** The fields of a copy being made. */
  private static final class Draft {
    Analyzer analyzer;
    Clock clock;
    HostResolver resolver;
    Duration recheckInterval;
    int reconcilesPerSecond;
    Optional<Integer> httpPort;
    Optional<LeaderElection> leaderElection;
    Duration etcdProbeInterval;
    Duration etcdProbeTimeout;
    DigestLookup.Factory registries;
    Duration reconcileTimeout;
    boolean exitOnWatchFailure;

    Draft(OperatorSettings from) {
      analyzer = from.analyzer;
      clock = from.clock;
      resolver = from.resolver;
      recheckInterval = from.recheckInterval;
      reconcilesPerSecond = from.reconcilesPerSecond;
      httpPort = from.httpPort;
      leaderElection = from.leaderElection;
      etcdProbeInterval = from.etcdProbeInterval;
      etcdProbeTimeout = from.etcdProbeTimeout;
      registries = from.registries;
      reconcileTimeout = from.reconcileTimeout;
      exitOnWatchFailure = from.exitOnWatchFailure;
    }
  }
}
