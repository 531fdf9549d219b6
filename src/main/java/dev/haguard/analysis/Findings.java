package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.api.v1alpha1.SeverityOverride;
import dev.haguard.policy.RuleId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/** Collects the findings of one analysis, applying the policy's severity overrides. */
public final class Findings {
  /** Report order: worst first, then rule, namespace, name. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::rule)
          .thenComparing(f -> Objects.toString(f.object().namespace(), ""))
          .thenComparing(f -> Objects.toString(f.object().name(), ""))
          .thenComparing(f -> Objects.toString(f.object().kind(), ""))
          .thenComparing(Finding::message);

  private final Map<String, SeverityOverride> overrides;
  private final List<Finding> list = new ArrayList<>();
  private final List<Finding> silenced = new ArrayList<>();

  public Findings(Map<String, SeverityOverride> overrides) {
    this.overrides = overrides;
  }

  /** Reports {@code rule} on {@code object}; when the policy turned the rule off, keeps it {@link #silenced}. */
  public void report(RuleId rule, ObjectRef object, String message, String remediation) {
    Optional<Severity> severity = rule.severityUnder(overrides);
    Finding finding = new Finding(rule.id(), severity.orElse(rule.defaultSeverity()), object, message, remediation);
    (severity.isPresent() ? list : silenced).add(finding);
  }

  /** The findings of the rules the policy turned off, in the order found: never reported, still repaired. */
  List<Finding> silenced() {
    return Collections.unmodifiableList(silenced);
  }

  /** Every finding so far, in the order reported. */
  public List<Finding> all() {
    return Collections.unmodifiableList(list);
  }

  /**
   * The first {@code limit} findings in report order, the same as the head of a stable sort of
   * them all (equal findings keep the order reported), but selected in n log(limit): the status
   * shows 200 of what may be tens of thousands.
   */
  public List<Finding> first(int limit) {
    if (list.size() <= limit) {
      List<Finding> all = new ArrayList<>(list);
      all.sort(ORDER);
      return Collections.unmodifiableList(all);
    }
    // A max-heap of the best so far: each later finding costs one comparison with the worst kept.
    PriorityQueue<Ranked> kept = new PriorityQueue<>(limit + 1, Ranked.ORDER.reversed());
    for (int i = 0; i < list.size() && limit > 0; i++) {
      Ranked next = new Ranked(list.get(i), i);
      if (kept.size() < limit) {
        kept.add(next);
      } else if (Ranked.ORDER.compare(next, kept.peek()) < 0) {
        kept.poll();
        kept.add(next);
      }
    }
    List<Ranked> first = new ArrayList<>(kept);
    first.sort(Ranked.ORDER);
    return first.stream().map(Ranked::finding).toList();
  }

  /** A finding and its place in the order reported, which breaks ties as a stable sort does. */
  private record Ranked(Finding finding, int index) {
    static final Comparator<Ranked> ORDER = (a, b) -> {
      int byContent = Findings.ORDER.compare(a.finding, b.finding);
      return byContent != 0 ? byContent : Integer.compare(a.index, b.index);
    };
  }
}
