package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.RuleId;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds every condition of a ClusterPolicy (from findings, for an invalid spec, for an Enforce
 * policy's role), and keeps transition times across updates. Read by {@link StatusMapper} only.
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  /**
   * Ready is False on any critical finding; each family condition is False on any critical or
   * warning finding of its rules, with the worst rule as reason. One pass over the findings, in
   * any order: "worst" and "first" are the first in {@link Findings#ORDER}.
   */
  static List<Condition> fromFindings(List<Finding> findings, Long generation, Instant now) {
    Finding worstCritical = null;
    int criticals = 0;
    Map<ConditionType, Finding> worstPerFamily = new EnumMap<>(ConditionType.class);
    Map<ConditionType, Integer> perFamily = new EnumMap<>(ConditionType.class);
    for (Finding f : findings) {
      if (f.severity() == Severity.CRITICAL) {
        criticals++;
        worstCritical = firstOf(worstCritical, f);
      }
      ConditionType family = RuleId.byId(f.rule()).map(RuleId::condition).orElse(null);
      if (f.severity() != Severity.INFO && family != null) {
        perFamily.merge(family, 1, Integer::sum);
        worstPerFamily.merge(family, f, Conditions::firstOf);
      }
    }
    List<Condition> conditions = new ArrayList<>();
    conditions.add(worstCritical != null
        ? condition(ConditionType.READY, FALSE, reasonOf(worstCritical), criticals + " critical finding(s); first: "
            + worstCritical.message(), generation, now)
        : condition(ConditionType.READY, TRUE, ConditionReason.NO_CRITICAL_FINDINGS.reason(), "No critical finding",
            generation, now));
    for (ConditionType type : ConditionType.values()) {
      if (!type.isFamily()) {
        continue;
      }
      Finding worst = worstPerFamily.get(type);
      conditions.add(worst == null
          ? condition(type, TRUE, ConditionReason.NO_FINDINGS.reason(), "No critical or warning finding", generation,
              now)
          : condition(type, FALSE, reasonOf(worst),
              perFamily.get(type) + " finding(s); first: " + worst.message(), generation, now));
    }
    return conditions;
  }

  /** The one of the two that comes first in report order; {@code a} on a tie, as a stable sort keeps it. */
  private static Finding firstOf(Finding a, Finding b) {
    return a == null || Findings.ORDER.compare(b, a) < 0 ? b : a;
  }

  /** Ready=False because the spec cannot be used; the message names the field. */
  static List<Condition> invalidSpec(String message, Long generation, Instant now) {
    return List.of(condition(ConditionType.READY, FALSE, ConditionReason.INVALID_SPEC.reason(), message, generation,
        now));
  }

  /**
   * The Enforcing condition of an Enforce policy: True when its Enforce acts, False naming the older
   * Enforce policy that acts instead.
   */
  static Condition enforcing(StatusMapper.Enforcement enforcement, Long generation, Instant now) {
    return enforcement.acts()
        ? condition(ConditionType.ENFORCING, TRUE, ConditionReason.ENFORCE_POLICY.reason(),
            "This policy's Enforce acts on the cluster", generation, now)
        : condition(ConditionType.ENFORCING, FALSE, ConditionReason.ENFORCE_CONFLICT.reason(),
            "ClusterPolicy " + enforcement.actingPolicy() + " is older and also in Enforce mode: only it acts; this"
                + " one plans (actions stay Planned) until it is the oldest Enforce policy", generation, now);
  }

  /**
   * ReportsWritten: True naming the report API and how many reports; False when no report API is
   * served, or when the API server refused a write.
   */
  static Condition reportsWritten(StatusMapper.ReportsWritten written, Long generation, Instant now) {
    if (written.failure() != null) {
      return condition(ConditionType.REPORTS_WRITTEN, FALSE, ConditionReason.REPORT_WRITE_FAILED.reason(),
          "Writing " + (written.apiVersion() == null ? "" : written.apiVersion() + " ")
              + "reports failed, retried at the next reconcile: " + written.failure(),
          generation, now);
    }
    return written.apiVersion() == null
        ? condition(ConditionType.REPORTS_WRITTEN, FALSE, ConditionReason.REPORT_API_NOT_SERVED.reason(),
            "Neither openreports.io/v1alpha1 nor wgpolicyk8s.io/v1alpha2 is served: no report written (discovery"
                + " is asked again at the re-check interval)", generation, now)
        : condition(ConditionType.REPORTS_WRITTEN, TRUE, ConditionReason.REPORTS_WRITTEN.reason(),
            written.reports() + " " + written.apiVersion() + " report(s) hold the findings", generation, now);
  }

  /**
   * Carries {@code lastTransitionTime} over from {@code previous} for every condition whose status
   * did not change, as the Kubernetes condition convention asks.
   */
  static List<Condition> keepTransitionTimes(List<Condition> previous, List<Condition> next) {
    if (previous == null || previous.isEmpty()) {
      return next;
    }
    Map<String, Condition> byType =
        previous.stream().collect(Collectors.toMap(Condition::getType, Function.identity(), (a, b) -> a));
    return next.stream().map(c -> {
      Condition old = byType.get(c.getType());
      if (old != null && old.getStatus().equals(c.getStatus()) && old.getLastTransitionTime() != null) {
        return new ConditionBuilder(c).withLastTransitionTime(old.getLastTransitionTime()).build();
      }
      return c;
    }).toList();
  }

  private static String reasonOf(Finding f) {
    return RuleId.byId(f.rule()).map(RuleId::reason).orElse(f.rule());
  }

  private static Condition condition(
      ConditionType type, String status, String reason, String message, Long generation, Instant now) {
    return new ConditionBuilder()
        .withType(type.type())
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(now.toString())
        .build();
  }
}
