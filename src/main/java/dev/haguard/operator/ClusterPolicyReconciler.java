package dev.haguard.operator;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.report.ReportInput;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each ClusterPolicy's status true. A reconcile, step by step: validate the spec
 * ({@link PolicyResolver}); {@link #observe} the cluster as the informer caches hold it, with what
 * etcd and the registries said; analyse it ({@link Analyzer}); decide the policy's Enforce role
 * ({@link EnforceElection}); run the remediation pass ({@link Remediation}); pick the
 * {@link #nextReconcile}; write the policy reports ({@link ReportWriter}); publish status, Events and
 * metrics ({@link StatusRecorder}). Nothing here computes what the analysis does.
 */
public final class ClusterPolicyReconciler implements Reconciler<ClusterPolicy> {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPolicyReconciler.class);
  /** How soon to look again when an informer has not listed its objects yet. */
  static final Duration NOT_SYNCED_RETRY = Duration.ofSeconds(2);
  /** How soon to analyse again when a registry answer arrived during a reconcile. */
  static final Duration REGISTRY_ANSWERED = Duration.ofSeconds(1);

  private final ClusterCache cache;
  private final Analyzer analyzer;
  private final HostResolver resolver;
  private final Clock clock;
  private final StatusRecorder recorder;
  private final HaguardMetrics metrics;
  private final Adapters adapters;

  /**
   * What a reconcile asks outside the informer caches: etcd itself (its latest answer, probed
   * elsewhere), registries (through the remediation pass), what writes the repairs, and what writes
   * the policy reports.
   */
  record Adapters(EtcdPolling etcd, RegistryDigests registries, Remediation remediation, ReportWriter reports) {}

  /** The cluster as one reconcile saw it, and how many registry answers had arrived when it was taken. */
  private record Observed(ClusterSnapshot snapshot, long registryAnswers) {}

  ClusterPolicyReconciler(ClusterCache cache, Analyzer analyzer, HostResolver resolver, Clock clock,
      StatusRecorder recorder, HaguardMetrics metrics, Adapters adapters) {
    this.cache = cache;
    this.analyzer = analyzer;
    this.resolver = resolver;
    this.clock = clock;
    this.recorder = recorder;
    this.metrics = metrics;
    this.adapters = adapters;
  }

  @Override
  public List<EventSource<?, ClusterPolicy>> prepareEventSources(EventSourceContext<ClusterPolicy> context) {
    return Stream.concat(cache.eventSources(context).stream(), Stream.of(adapters.etcd().eventSource(context)))
        .toList();
  }

  @Override
  public UpdateControl<ClusterPolicy> reconcile(ClusterPolicy policy, Context<ClusterPolicy> context) {
    if (context.isPrimaryResourceDeleted()) {
      recorder.forget(policy.getMetadata().getName());
      adapters.reports().forget(policy.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    if (!cache.synced()) {
      metrics.reconciled(HaguardMetrics.Outcome.NOT_SYNCED);
      return UpdateControl.<ClusterPolicy>noUpdate().rescheduleAfter(NOT_SYNCED_RETRY);
    }
    Policy resolved;
    try {
      resolved = PolicyResolver.resolve(policy);
    } catch (InvalidPolicyException e) {
      return recorder.recordInvalid(policy, StatusMapper.invalidSpec(e.getMessage(),
          policy.getMetadata().getGeneration(), policy.getStatus(), clock.instant()));
    }
    Observed observed = observe(policy, resolved);
    AnalysisResult analysed = analyzer.analyze(observed.snapshot(), resolved);
    EnforceElection.Role role = EnforceElection.role(policy, resolved, context.getPrimaryCache().list().toList());
    ClusterPolicyStatus stored = policy.getStatus();
    Remediation.Pass pass = adapters.remediation().run(analysed, role.acting(),
        stored == null ? null : stored.actions());
    ClusterPolicyStatus mapped = StatusMapper.forStatus().status(analysed, new StatusMapper.Reconcile(
        policy.getMetadata().getGeneration(), pass.actions(), role.enforcement().orElse(null), stored));
    StatusMapper.ReportsWritten reports = adapters.reports().write(policy,
        ReportInput.of(policy.getMetadata().getName(), analysed, mapped));
    ClusterPolicyStatus next = StatusMapper.withReports(mapped, reports, stored, clock.instant());
    return recorder.record(policy, next, nextReconcile(pass, observed));
  }

  /** The cluster as the caches hold it, with what etcd (at its latest probe) and the registries (so far) said. */
  private Observed observe(ClusterPolicy policy, Policy resolved) {
    ClusterSnapshot.Builder builder = cache.snapshot(resolver);
    adapters.etcd().latest(policy, resolved).ifPresent(builder::etcdProbe);
    long answersSeen = adapters.registries().answersSoFar();
    adapters.registries().addTo(builder);
    return new Observed(builder.build(), answersSeen);
  }

  /**
   * When to reconcile again without a change to wait for (empty: only on a change or at the recheck
   * interval): the earlier of the remediation's next step and a second later for a registry answer
   * that arrived while this reconcile ran (its analysis did not see it yet). A new etcd answer needs
   * no timer: {@link EtcdPolling} triggers the reconcile.
   */
  private Optional<Duration> nextReconcile(Remediation.Pass pass, Observed observed) {
    Optional<Duration> remediation = pass.nextRunAt().map(at -> Duration.between(clock.instant(), at));
    Optional<Duration> registry = adapters.registries().answersSoFar() != observed.registryAnswers()
        ? Optional.of(REGISTRY_ANSWERED) : Optional.empty();
    return Stream.of(remediation, registry).flatMap(Optional::stream).min(Duration::compareTo);
  }

  /** A reconcile that threw (a bad object the analysis did not expect, an API error): logged, counted, retried with backoff. */
  @Override
  public ErrorStatusUpdateControl<ClusterPolicy> updateErrorStatus(
      ClusterPolicy policy, Context<ClusterPolicy> context, Exception e) {
    LOG.warn("ClusterPolicy {}: reconcile failed, will retry: {}", policy.getMetadata().getName(), e.toString());
    metrics.reconciled(HaguardMetrics.Outcome.ERROR);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
