package dev.haguard.remediation;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.image.ImageReference;
import dev.haguard.image.InvalidImageReferenceException;
import dev.haguard.operator.Fabric8WorkloadApi;
import dev.haguard.policy.Policy;
import dev.haguard.remediation.DigestResolver.PullContext;
import dev.haguard.remediation.DigestResolver.ResolvedDigest;
import dev.haguard.remediation.PlannedAction.NotRemediated;
import dev.haguard.remediation.PlannedAction.PinImage;
import dev.haguard.remediation.PlannedAction.RewriteBarePod;
import dev.haguard.remediation.handoff.BarePodHandoff;
import dev.haguard.remediation.pinning.ImagePinStep;
import dev.haguard.remediation.planning.RemediationPlanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remediation pass: plan, then (in Enforce) advance each bare-pod hand-off by at most one step
 * and pin what can be pinned. Holds no state between passes: everything it needs to resume is in the
 * cluster's annotations, so a new instance (a restarted operator, the other replica after a leader
 * change) carries on where the last one stopped. In Audit it returns the plan and makes no API call.
 *
 * <p>Only the leader may run it. Wiring, in the reconciler:
 *
 * <pre>{@code
 * var engine = new RemediationEngine(new Fabric8WorkloadApi(client), resolver, clock, Duration.ofSeconds(10));
 * RemediationResult r = engine.run(analysis, policy);
 * status actions  <- r.actionsSince(previousStatus.actions())
 * Events          <- r.events()       (type, reason, message, object)
 * metrics         <- r.outcomes()     haguard_remediations_total{type, outcome}
 * reschedule      <- r.nextRunAt()    Duration.between(clock.instant(), it)
 * }</pre>
 */
public final class RemediationEngine {
  /** When a step that failed (API error, registry down) is tried again. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
  /** When a pass looks again at a registry lookup that had not answered within its resolve timeout. */
  static final Duration AWAIT_REGISTRY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(RemediationEngine.class);

  private final WorkloadApi api;
  private final DigestResolver resolver;
  private final Clock clock;
  private final Duration resolveTimeout;
  private final BarePodHandoff handoff = new BarePodHandoff();
  private final ImagePinStep pin = new ImagePinStep();

  /**
   * @param resolveTimeout how long one pass waits for all registry lookups together
   */
  public RemediationEngine(WorkloadApi api, DigestResolver resolver, Clock clock, Duration resolveTimeout) {
    this.api = api;
    this.resolver = resolver;
    this.clock = clock;
    this.resolveTimeout = resolveTimeout;
  }

  /** One pass over what {@code analysis} found, with the policy that acts (Audit when another's Enforce acts). */
  public RemediationResult run(AnalysisResult analysis, Policy policy) {
    List<PlannedAction> plan = RemediationPlanner.plan(analysis, policy);
    Instant now = clock.instant();
    Results results = new Results(now);
    if (policy.mode() == Mode.AUDIT) {
      plan.forEach(a -> results.add(a, a instanceof NotRemediated n ? skipped(n)
          : StepResult.quiet(ActionState.PLANNED, AuditMessages.of(a), null, null)));
      return results.build();
    }
    Map<String, CompletableFuture<ResolvedDigest>> lookups = startLookups(plan);
    for (PlannedAction action : plan) {
      try {
        if (action instanceof NotRemediated n) {
          results.add(n, skipped(n));
        } else if (action instanceof RewriteBarePod r) {
          handoff.advance(r, policy, now, api).ifPresent(step -> results.add(r, step));
        } else if (action instanceof PinImage p) {
          results.add(p, pin(p, lookups, now));
        }
      } catch (RuntimeException e) {
        // One object's trouble must not stop the others; its annotations let the next pass resume.
        LOG.warn("{} of {} failed: {}", action.type(), action.object(), e.toString());
        results.add(action, new StepResult(ActionState.FAILED, "failed, will retry: " + e.getMessage(), null,
            now.plus(RETRY_AFTER_FAILURE), null, RemediationOutcome.Outcome.FAILED));
      }
    }
    return results.build();
  }

  private StepResult pin(PinImage p, Map<String, CompletableFuture<ResolvedDigest>> lookups, Instant now) {
    String digest;
    if (p.digest() instanceof DigestChoice.Known known) {
      digest = known.digest();
    } else {
      CompletableFuture<ResolvedDigest> lookup = lookups.get(lookupKey(p));
      if (lookup != null && !lookup.isDone()) {
        // Still asking: not a failure (nothing counted), looked at again soon; the answer stays cached.
        return StepResult.quiet(ActionState.IN_PROGRESS, "asking the registry for the digest of " + p.currentImage()
            + " (container " + p.container() + ")", null, now.plus(AWAIT_REGISTRY));
      }
      Optional<String> resolved = resolved(lookup);
      if (resolved.isEmpty() || !ImageReference.isSha256Digest(resolved.get())) {
        String why = resolved.map(d -> "the registry answered \"" + d + "\", which is not a sha256 digest")
            .orElseGet(() -> unresolvedReason(lookup));
        return new StepResult(ActionState.FAILED, "image-digest-unresolved: " + p.currentImage() + " of container "
            + p.container() + " left as it is: " + why + "; trying again later", null,
            now.plus(RETRY_AFTER_FAILURE), null, RemediationOutcome.Outcome.FAILED);
      }
      digest = resolved.get();
    }
    return pin.run(p, digest, now, api);
  }

  /** Starts one registry lookup per image and pull context, and waits for them all (bounded). */
  private Map<String, CompletableFuture<ResolvedDigest>> startLookups(List<PlannedAction> plan) {
    Map<String, CompletableFuture<ResolvedDigest>> lookups = new LinkedHashMap<>();
    for (PlannedAction a : plan) {
      if (a instanceof PinImage p && p.digest() instanceof DigestChoice.AskRegistry) {
        lookups.computeIfAbsent(lookupKey(p), k -> lookup(p.currentImage(), p.pull()));
      }
    }
    try {
      CompletableFuture.allOf(lookups.values().toArray(CompletableFuture[]::new))
          .get(resolveTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Each lookup's own result is read below; the ones that failed or are late stay unpinned.
    }
    return lookups;
  }

  private CompletableFuture<ResolvedDigest> lookup(String image, PullContext pull) {
    try {
      return resolver.resolve(ImageReference.parse(image), pull);
    } catch (RuntimeException | InvalidImageReferenceException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Optional<String> resolved(CompletableFuture<ResolvedDigest> lookup) {
    if (lookup == null || !lookup.isDone() || lookup.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return Optional.ofNullable(lookup.join()).map(ResolvedDigest::digest);
  }

  private static String unresolvedReason(CompletableFuture<ResolvedDigest> lookup) {
    try {
      lookup.join();
      return "the registry gave no digest";
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
  }

  private static String lookupKey(PinImage p) {
    return p.currentImage() + "|" + p.pull();
  }

  private static StepResult skipped(NotRemediated n) {
    return StepResult.quiet(ActionState.SKIPPED, n.reason(), null, null);
  }

  /** Collects the pass's step results into status actions, Events, outcomes and the next run. */
  private static final class Results {
    private final Instant now;
    private final List<Action> actions = new ArrayList<>();
    private final List<RemediationEvent> events = new ArrayList<>();
    private final List<RemediationOutcome> outcomes = new ArrayList<>();
    private Instant nextRunAt;

    Results(Instant now) {
      this.now = now;
    }

    void add(PlannedAction action, StepResult step) {
      Instant since = step.since() != null ? step.since() : now;
      actions.add(new Action(action.type().toString(), action.object(), step.state().toString(), step.message(),
          Steps.timestamp(since)));
      if (step.event() != null) {
        events.add(step.event());
      }
      if (step.outcome() != null) {
        outcomes.add(new RemediationOutcome(action.type(), step.outcome()));
      }
      if (step.nextRunAt() != null && (nextRunAt == null || step.nextRunAt().isBefore(nextRunAt))) {
        nextRunAt = step.nextRunAt();
      }
    }

    RemediationResult build() {
      return new RemediationResult(actions, events, outcomes, Optional.ofNullable(nextRunAt));
    }
  }
}
