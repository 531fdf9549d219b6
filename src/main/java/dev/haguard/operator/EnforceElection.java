package dev.haguard.operator;

import dev.haguard.analysis.Conditions;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Enforce policy per cluster: when several valid ClusterPolicies ask for Enforce, only the
 * oldest (creationTimestamp, then name) acts; the others plan like Audit and say why in their
 * {@value #CONDITION} condition (reason {@value #CONFLICT}). Two policies never fight over a workload.
 */
final class EnforceElection {
  static final String CONDITION = "Enforcing";
  static final String CONFLICT = "EnforceConflict";
  static final String ACTING = "EnforcePolicy";

  private static final Comparator<ClusterPolicy> OLDEST_FIRST = Comparator
      .comparing((ClusterPolicy p) -> Optional.ofNullable(p.getMetadata().getCreationTimestamp())
          .map(Instant::parse).orElse(Instant.MAX))
      .thenComparing(p -> p.getMetadata().getName());

  /**
   * How a policy takes part in this reconcile.
   *
   * @param acting    the policy the remediation pass runs with: as resolved, or in Audit when another
   *                  policy's Enforce acts
   * @param enforcing the {@value #CONDITION} condition of an Enforce policy; empty in Audit
   */
  record Role(Policy acting, Optional<Condition> enforcing) {
    /** {@code status} with the {@value #CONDITION} condition added, if there is one. */
    ClusterPolicyStatus withCondition(ClusterPolicyStatus status) {
      return enforcing.isEmpty() ? status
          : status.withConditions(Stream.concat(status.conditions().stream(), enforcing.stream()).toList());
    }
  }

  private EnforceElection() {}

  /** The role of {@code policy} (resolved as {@code resolved}) among {@code policies} (the informer's cache). */
  static Role role(ClusterPolicy policy, Policy resolved, Collection<ClusterPolicy> policies, Clock clock) {
    if (resolved.mode() != Mode.ENFORCE) {
      return new Role(resolved, Optional.empty());
    }
    String name = policy.getMetadata().getName();
    String actingPolicy = acting(policies).map(p -> p.getMetadata().getName()).orElse(name);
    return new Role(actingPolicy.equals(name) ? resolved : resolved.withMode(Mode.AUDIT),
        Optional.of(condition(name, actingPolicy, policy.getMetadata().getGeneration(), clock.instant())));
  }

  /** The policy whose Enforce acts, among {@code policies} (the informer's cache); empty when none asks for Enforce. */
  private static Optional<ClusterPolicy> acting(Collection<ClusterPolicy> policies) {
    return policies.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(EnforceElection::asksForEnforce)
        .min(OLDEST_FIRST);
  }

  /** The condition of an Enforce policy: True when it acts, False with {@value #CONFLICT} naming the one that does. */
  private static Condition condition(String policy, String actingPolicy, Long generation, Instant now) {
    boolean acts = policy.equals(actingPolicy);
    return new ConditionBuilder()
        .withType(CONDITION)
        .withStatus(acts ? Conditions.TRUE : Conditions.FALSE)
        .withReason(acts ? ACTING : CONFLICT)
        .withMessage(acts ? "This policy's Enforce acts on the cluster"
            : "ClusterPolicy " + actingPolicy + " is older and also in Enforce mode: only it acts; this one plans"
                + " (actions stay Planned) until it is the oldest Enforce policy")
        .withObservedGeneration(generation)
        .withLastTransitionTime(now.toString())
        .build();
  }

  private static boolean asksForEnforce(ClusterPolicy policy) {
    try {
      return PolicyResolver.resolve(policy).mode() == Mode.ENFORCE;
    } catch (InvalidPolicyException e) {
      return false;
    }
  }
}
