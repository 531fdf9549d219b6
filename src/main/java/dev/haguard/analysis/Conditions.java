package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.Severity;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the standard conditions from findings, and keeps transition times across updates. */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  /**
   * Ready is False on any critical finding; each family condition is False on any critical or
   * warning finding of its rules, with the worst rule as reason.
   */
  public static List<Condition> fromFindings(List<Finding> sortedFindings, Long generation, Instant now) {
    List<Condition> conditions = new ArrayList<>();
    Optional<Finding> worstCritical =
        sortedFindings.stream().filter(f -> f.severity() == Severity.CRITICAL).findFirst();
    long criticals = sortedFindings.stream().filter(f -> f.severity() == Severity.CRITICAL).count();
    conditions.add(worstCritical
        .map(f -> condition(ConditionType.READY, FALSE, reasonOf(f), criticals + " critical finding(s); first: "
            + f.message(), generation, now))
        .orElseGet(() -> condition(ConditionType.READY, TRUE, "NoCriticalFindings",
            "No critical finding", generation, now)));
    for (ConditionType type : ConditionType.values()) {
      if (type == ConditionType.READY) {
        continue;
      }
      List<Finding> family = sortedFindings.stream()
          .filter(f -> f.severity() != Severity.INFO)
          .filter(f -> RuleId.byId(f.rule()).map(r -> r.condition() == type).orElse(false))
          .toList();
      conditions.add(family.isEmpty()
          ? condition(type, TRUE, "NoFindings", "No critical or warning finding", generation, now)
          : condition(type, FALSE, reasonOf(family.get(0)),
              family.size() + " finding(s); first: " + family.get(0).message(), generation, now));
    }
    return conditions;
  }

  /** Ready=False because the spec cannot be used; the message names the field. */
  public static List<Condition> invalidSpec(String message, Long generation, Instant now) {
    return List.of(condition(ConditionType.READY, FALSE, "InvalidSpec", message, generation, now));
  }

  /**
   * Carries {@code lastTransitionTime} over from {@code previous} for every condition whose status
   * did not change, as the Kubernetes condition convention asks.
   */
  public static List<Condition> keepTransitionTimes(List<Condition> previous, List<Condition> next) {
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
