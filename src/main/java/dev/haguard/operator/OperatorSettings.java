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

/**
 * What differs between one haguard operator and another: production ({@code haguard operator}),
 * the demo and the tests. Everything else (the JOSDK settings above all) is fixed in
 * {@link HaguardOperator}, so that the tested path is the one that ships.
 *
 * @param analyzer          the analysis every reconcile runs
 * @param clock             the time of condition transitions and Events
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
    DigestLookup.Factory registries) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_LEASE_NAMESPACE = "haguard-system";
  public static final String LEASE_NAME = "haguard-leader";
  public static final Duration DEFAULT_ETCD_PROBE_INTERVAL = Duration.ofSeconds(30);

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
   * no Lease, etcd probed every 30 s with 2 s per call, registries over HTTP.
   */
  public static OperatorSettings defaults() {
    Clock clock = Clock.systemUTC();
    return new OperatorSettings(Analyzer.standard(clock), clock, ApiEndpoints.JDK, Duration.ofMinutes(5), 1,
        Optional.of(DEFAULT_HTTP_PORT), Optional.empty(), DEFAULT_ETCD_PROBE_INTERVAL, EtcdProbe.DEFAULT_TIMEOUT,
        RegistryClient::new);
  }

  public OperatorSettings withAnalyzer(Analyzer newAnalyzer) {
    return new OperatorSettings(newAnalyzer, clock, resolver, recheckInterval, reconcilesPerSecond, httpPort,
        leaderElection, etcdProbeInterval, etcdProbeTimeout, registries);
  }

  public OperatorSettings withResolver(HostResolver newResolver) {
    return new OperatorSettings(analyzer, clock, newResolver, recheckInterval, reconcilesPerSecond, httpPort,
        leaderElection, etcdProbeInterval, etcdProbeTimeout, registries);
  }

  public OperatorSettings withRecheckInterval(Duration interval) {
    return new OperatorSettings(analyzer, clock, resolver, interval, reconcilesPerSecond, httpPort, leaderElection,
        etcdProbeInterval, etcdProbeTimeout, registries);
  }

  /** Serve HTTP on {@code port} (0: any free port). */
  public OperatorSettings withHttpPort(int port) {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, reconcilesPerSecond, Optional.of(port),
        leaderElection, etcdProbeInterval, etcdProbeTimeout, registries);
  }

  public OperatorSettings withoutHttp() {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, reconcilesPerSecond, Optional.empty(),
        leaderElection, etcdProbeInterval, etcdProbeTimeout, registries);
  }

  public OperatorSettings withLeaderElection(LeaderElection election) {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, reconcilesPerSecond, httpPort,
        Optional.of(election), etcdProbeInterval, etcdProbeTimeout, registries);
  }

  public OperatorSettings withEtcdProbeInterval(Duration interval) {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, reconcilesPerSecond, httpPort,
        leaderElection, interval, etcdProbeTimeout, registries);
  }

  public OperatorSettings withEtcdProbeTimeout(Duration timeout) {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, reconcilesPerSecond, httpPort,
        leaderElection, etcdProbeInterval, timeout, registries);
  }

  /** At most {@code perSecond} reconciles of one policy per second. */
  public OperatorSettings withReconcilesPerSecond(int perSecond) {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, perSecond, httpPort, leaderElection,
        etcdProbeInterval, etcdProbeTimeout, registries);
  }

  /** Asks for digests through {@code factory} instead of registries over HTTP. */
  public OperatorSettings withRegistries(DigestLookup.Factory factory) {
    return new OperatorSettings(analyzer, clock, resolver, recheckInterval, reconcilesPerSecond, httpPort,
        leaderElection, etcdProbeInterval, etcdProbeTimeout, factory);
  }
}
