package dev.haguard.operator;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.Conditions;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each ClusterPolicy's status true: validates the spec, analyses the cluster as the informer
 * caches hold it, and patches status only when what a reader sees changed, so that a quiet cluster
 * costs no writes. Events and metrics are delegated; nothing here computes what the analysis does.
 */
public final class ClusterPolicyReconciler implements Reconciler<ClusterPolicy> {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPolicyReconciler.class);
  /** How soon to look again when an informer has not listed its objects yet. */
  static final Duration NOT_SYNCED_RETRY = Duration.ofSeconds(2);

  private final ClusterCache cache;
  private final Analyzer analyzer;
  private final HostResolver resolver;
  private final Clock clock;
  private final FindingEvents events;
  private final HaguardMetrics metrics;
  private final StoredForm storedForm;

  ClusterPolicyReconciler(ClusterCache cache, Analyzer analyzer, HostResolver resolver, Clock clock,
      FindingEvents events, HaguardMetrics metrics, StoredForm storedForm) {
    this.cache = cache;
    this.analyzer = analyzer;
    this.resolver = resolver;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
    this.storedForm = storedForm;
  }

  @Override
  public List<EventSource<?, ClusterPolicy>> prepareEventSources(EventSourceContext<ClusterPolicy> context) {
    return cache.eventSources(context);
  }

  @Override
  public UpdateControl<ClusterPolicy> reconcile(ClusterPolicy policy, Context<ClusterPolicy> context) {
    String name = policy.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      events.forget(name);
      metrics.forget(name);
      return UpdateControl.noUpdate();
    }
    if (!cache.synced()) {
      metrics.reconciled(HaguardMetrics.Outcome.NOT_SYNCED);
      return UpdateControl.<ClusterPolicy>noUpdate().rescheduleAfter(NOT_SYNCED_RETRY);
    }
    Long generation = policy.getMetadata().getGeneration();
    ClusterPolicyStatus stored = policy.getStatus();
    ClusterPolicyStatus next;
    boolean valid = true;
    try {
      Policy resolved = PolicyResolver.resolve(policy);
      next = analyzer.analyze(cache.snapshot(resolver), resolved, generation);
      events.announce(policy, next.findings());
      metrics.record(name, next);
    } catch (InvalidPolicyException e) {
      // Nothing else happens for a policy that cannot be used: no analysis, Events or figures.
      next = new ClusterPolicyStatus(generation, null, null, null, null, null, null, null, null,
          Conditions.invalidSpec(e.getMessage(), generation, clock.instant()));
      events.forget(name);
      metrics.forget(name);
      valid = false;
    }
    next = next.withConditions(
        Conditions.keepTransitionTimes(stored == null ? null : stored.conditions(), next.conditions()));
    boolean changed = !storedForm.same(next, stored);
    metrics.reconciled(!valid ? HaguardMetrics.Outcome.INVALID_SPEC
        : changed ? HaguardMetrics.Outcome.UPDATED : HaguardMetrics.Outcome.UNCHANGED);
    if (!changed) {
      return UpdateControl.noUpdate();
    }
    LOG.info("ClusterPolicy {}: status changed: {}", name, describe(next));
    policy.setStatus(next);
    return UpdateControl.patchStatus(policy);
  }

  /** A reconcile that threw (a bad object the analysis did not expect, an API error): logged, counted, retried with backoff. */
  @Override
  public ErrorStatusUpdateControl<ClusterPolicy> updateErrorStatus(
      ClusterPolicy policy, Context<ClusterPolicy> context, Exception e) {
    LOG.warn("ClusterPolicy {}: reconcile failed, will retry: {}", policy.getMetadata().getName(), e.toString());
    metrics.reconciled(HaguardMetrics.Outcome.ERROR);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private static String describe(ClusterPolicyStatus status) {
    return status.summary() == null ? status.conditions().get(0).getMessage()
        : status.summary().critical() + " critical, " + status.summary().warning() + " warning, "
            + status.summary().info() + " info finding(s)";
  }
}
