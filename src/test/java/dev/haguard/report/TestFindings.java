package dev.haguard.report;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.ReportInput.ReportFinding;
import java.util.List;
import java.util.Map;

/** Report inputs made of chosen findings, and nothing else. */
public final class TestFindings {
  private TestFindings() {}

  public static ReportFinding finding(String rule, Severity severity, ObjectRef object) {
    return new ReportFinding(rule, severity, object, "message about " + object, "fix for " + object,
        Map.of(ReportInput.FACT_CONDITION, "ZoneSpread"));
  }

  public static ReportInput input(List<ReportFinding> findings) {
    int critical = (int) findings.stream().filter(f -> f.severity() == Severity.CRITICAL).count();
    int warning = (int) findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    return new ReportInput("prod", findings,
        new ClusterPolicyStatus.Summary(critical, warning, findings.size() - critical - warning),
        List.of(), List.of(), List.of(), List.of());
  }

  public static ObjectRef deployment(String namespace, String name) {
    return new ObjectRef("apps/v1", "Deployment", namespace, name);
  }
}
