package dev.haguard.operator;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.Conditions;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import io.fabric8.kubernetes.api.model.Condition;
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
 * Keeps each ClusterPolicy's status true: validates the spec, analyses the cluster as the informer
 * caches hold it, and patches status only when what a reader sees changed, so that a quiet cluster
 * costs no writes. Events and metrics are delegated; nothing here computes what the analysis does.
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
  private final FindingEvents events;
  private final HaguardMetrics metrics;
  private final StoredForm storedForm;
  private final Adapters adapters;

  /**
   * What a reconcile asks outside the informer caches: etcd itself, registries (through the
   * remediation pass), and what writes the repairs.
   *
   * @param etcdProbeInterval how soon to probe etcd again
   */
  record Adapters(EtcdProbes etcd, RegistryDigests registries, Remediation remediation, Duration etcdProbeInterval) {}

  ClusterPolicyReconciler(ClusterCache cache, Analyzer analyzer, HostResolver resolver, Clock clock,
      FindingEvents events, HaguardMetrics metrics, StoredForm storedForm, Adapters adapters) {
    this.cache = cache;
    this.analyzer = analyzer;
    this.resolver = resolver;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
    this.storedForm = storedForm;
    this.adapters = adapters;
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
    Optional<Duration> again = Optional.empty();
    try {
      Policy resolved = PolicyResolver.resolve(policy);
      ClusterSnapshot.Builder builder = cache.snapshot(resolver);
      adapters.etcd().probe(resolved).ifPresent(builder::etcdProbe);
      long answersSeen = adapters.registries().answersSoFar();
      adapters.registries().addTo(builder);
      ClusterSnapshot snapshot = builder.build();
      next = analyzer.analyze(snapshot, resolved, generation);
      Optional<Condition> enforcing = Optional.empty();
      Policy acting = resolved;
      if (resolved.mode() == Mode.ENFORCE) {
        String actingPolicy = EnforceElection.acting(context.getPrimaryCache().list().toList())
            .map(p -> p.getMetadata().getName()).orElse(name);
        enforcing = Optional.of(EnforceElection.condition(name, actingPolicy, generation, clock.instant()));
        acting = actingPolicy.equals(name) ? resolved : resolved.withMode(Mode.AUDIT);
      }
      Remediation.Pass pass = adapters.remediation().run(snapshot, acting, stored == null ? null : stored.actions());
      next = next.withActions(pass.actions().isEmpty() ? null : pass.actions());
      if (enforcing.isPresent()) {
        next = next.withConditions(Stream.concat(next.conditions().stream(), enforcing.stream()).toList());
      }
      again = earliest(pass.nextRunAt().map(at -> Duration.between(clock.instant(), at)),
          resolved.etcdEndpoints().isEmpty() ? Optional.empty() : Optional.of(adapters.etcdProbeInterval()),
          // A registry answered while this pass ran: the analysis above did not see it yet.
          adapters.registries().answersSoFar() != answersSeen ? Optional.of(REGISTRY_ANSWERED) : Optional.empty());
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
    UpdateControl<ClusterPolicy> control;
    if (changed) {
      LOG.info("ClusterPolicy {}: status changed: {}", name, describe(next));
      policy.setStatus(next);
      control = UpdateControl.patchStatus(policy);
    } else {
      control = UpdateControl.noUpdate();
    }
    again.ifPresent(delay -> control.rescheduleAfter(delay.isNegative() ? Duration.ZERO : delay));
    return control;
  }

  @SafeVarargs
  private static Optional<Duration> earliest(Optional<Duration>... delays) {
    return Stream.of(delays).flatMap(Optional::stream).min(Duration::compareTo);
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
