package dev.haguard.operator;

import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Announces each new critical or warning finding once, as a Kubernetes Event on the object
 * concerned and one on the ClusterPolicy. What each policy has announced is remembered, so a
 * reconcile that finds the same problems says nothing; a finding that went away and comes back
 * is announced again. At most {@link #MAX_EVENTS_PER_RECONCILE} Events per reconcile, the rest
 * summed up in one Event on the policy, so that the first reconcile of a large cluster does not
 * flood the API server.
 */
final class FindingEvents {
  static final int MAX_EVENTS_PER_RECONCILE = 50;
  static final String SUMMARY_REASON = "MoreFindings";

  /** A finding's identity across reconciles: its message may change (counts, names), its rule and object do not. */
  private record Key(String rule, ObjectRef object) {
    static Key of(Finding f) {
      return new Key(f.rule(), f.object());
    }
  }

  private final EventRecorder recorder;
  private final Map<String, Set<Key>> announcedByPolicy = new ConcurrentHashMap<>();

  FindingEvents(EventRecorder recorder) {
    this.recorder = recorder;
  }

  void announce(ClusterPolicy policy, List<Finding> findings) {
    String name = policy.getMetadata().getName();
    // After a restart or a leader change, what the stored status lists was announced by whoever wrote it.
    Set<Key> announced = announcedByPolicy.computeIfAbsent(name, n -> keysOf(
        policy.getStatus() == null || policy.getStatus().findings() == null ? List.of() : policy.getStatus().findings()));
    Set<Key> current = keysOf(findings);
    List<Finding> fresh = findings.stream()
        .filter(FindingEvents::announceable)
        .filter(f -> !announced.contains(Key.of(f)))
        .collect(Collectors.toMap(Key::of, f -> f, (a, b) -> a, java.util.LinkedHashMap::new))
        .values().stream().toList();
    announcedByPolicy.put(name, current);
    int budget = MAX_EVENTS_PER_RECONCILE;
    int untold = 0;
    for (Finding f : fresh) {
      boolean onObject = f.object() != null;
      int cost = onObject ? 2 : 1;
      if (budget < cost) {
        untold++;
        continue;
      }
      String reason = RuleId.byId(f.rule()).map(RuleId::reason).orElse(f.rule());
      if (onObject) {
        recorder.warning(f.object(), reason, f.message() + " Fix: " + f.remediation());
      }
      recorder.warning(ObjectRef.of(policy), reason, (onObject ? f.object() + ": " : "") + f.message());
      budget -= cost;
    }
    if (untold > 0) {
      recorder.normal(ObjectRef.of(policy), SUMMARY_REASON,
          untold + " more new finding(s) not announced one by one; see the ClusterPolicy's status");
    }
  }

  /** Forgets what {@code policy} announced: it was deleted or its spec became invalid. */
  void forget(String policy) {
    announcedByPolicy.remove(policy);
  }

  private static boolean announceable(Finding f) {
    return f.severity() == Severity.CRITICAL || f.severity() == Severity.WARNING;
  }

  private static Set<Key> keysOf(List<Finding> findings) {
    Set<Key> keys = new HashSet<>();
    for (Finding f : findings) {
      if (announceable(f)) {
        keys.add(Key.of(f));
      }
    }
    return keys;
  }
}
