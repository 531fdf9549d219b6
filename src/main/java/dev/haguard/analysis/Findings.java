package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.api.v1alpha1.SeverityOverride;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  public Findings(Map<String, SeverityOverride> overrides) {
    this.overrides = overrides;
  }

  /** Reports {@code rule} on {@code object}, unless the policy turned the rule off. */
  public void report(RuleId rule, ObjectRef object, String message, String remediation) {
    SeverityOverride override = overrides.get(rule.id());
    Severity severity = override == null ? rule.defaultSeverity() : override.severity();
    if (severity != null) {
      list.add(new Finding(rule.id(), severity, object, message, remediation));
    }
  }

  /** Every finding so far, in report order. */
  public List<Finding> sorted() {
    List<Finding> copy = new ArrayList<>(list);
    copy.sort(ORDER);
    return copy;
  }
}
