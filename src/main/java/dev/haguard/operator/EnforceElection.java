package dev.haguard.operator;

import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * One Enforce policy per cluster: when several valid ClusterPolicies ask for Enforce, only the
 * oldest (creationTimestamp, then name) acts; the others plan like Audit and say why in their
 * Enforcing condition (reason EnforceConflict, built by {@link StatusMapper}). Two policies never
 * fight over a workload.
 */
final class EnforceElection {
  private static final Comparator<ClusterPolicy> OLDEST_FIRST = Comparator
      .comparing((ClusterPolicy p) -> Optional.ofNullable(p.getMetadata().getCreationTimestamp())
          .map(Instant::parse).orElse(Instant.MAX))
      .thenComparing(p -> p.getMetadata().getName());

  /**
   * How a policy takes part in this reconcile.
   *
   * @param acting      the policy the remediation pass runs with: as resolved, or in Audit when another
   *                    policy's Enforce acts
   * @param enforcement the Enforce role the Enforcing condition reports; empty in Audit
   */
  record Role(Policy acting, Optional<StatusMapper.Enforcement> enforcement) {}

  private EnforceElection() {}

  /** The role of {@code policy} (resolved as {@code resolved}) among {@code policies} (the informer's cache). */
  static Role role(ClusterPolicy policy, Policy resolved, Collection<ClusterPolicy> policies) {
    if (resolved.mode() != Mode.ENFORCE) {
      return new Role(resolved, Optional.empty());
    }
    String name = policy.getMetadata().getName();
    String actingPolicy = acting(policies).map(p -> p.getMetadata().getName()).orElse(name);
    return new Role(actingPolicy.equals(name) ? resolved : resolved.withMode(Mode.AUDIT),
        Optional.of(new StatusMapper.Enforcement(name, actingPolicy)));
  }

  /** The policy whose Enforce acts, among {@code policies} (the informer's cache); empty when none asks for Enforce. */
  private static Optional<ClusterPolicy> acting(Collection<ClusterPolicy> policies) {
    return policies.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(EnforceElection::asksForEnforce)
        .min(OLDEST_FIRST);
  }

  private static boolean asksForEnforce(ClusterPolicy policy) {
    try {
      return PolicyResolver.resolve(policy).mode() == Mode.ENFORCE;
    } catch (InvalidPolicyException e) {
      return false;
    }
  }
}
