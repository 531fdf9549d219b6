package dev.haguard.analysis;

/** The reasons of conditions that no single rule decides; a rule's own reason is {@link RuleId#reason()}. */
public enum ConditionReason {
  NO_CRITICAL_FINDINGS("NoCriticalFindings"),
  NO_FINDINGS("NoFindings"),
  INVALID_SPEC("InvalidSpec"),
  /** This policy's Enforce acts on the cluster. */
  ENFORCE_POLICY("EnforcePolicy"),
  /** An older policy also asks for Enforce: only it acts, this one plans. */
  ENFORCE_CONFLICT("EnforceConflict"),
  /** The findings are in policy reports of the API discovery found. */
  REPORTS_WRITTEN("ReportsWritten"),
  /** Neither openreports.io/v1alpha1 nor wgpolicyk8s.io/v1alpha2 is served: no report is written. */
  REPORT_API_NOT_SERVED("ReportApiNotServed"),
  /** The API server refused a report write (RBAC, a removed CRD); retried at the next reconcile. */
  REPORT_WRITE_FAILED("ReportWriteFailed");

  private final String reason;

  ConditionReason(String reason) {
    this.reason = reason;
  }

  /** The condition's {@code reason} as it appears in status. */
  public String reason() {
    return reason;
  }
}
