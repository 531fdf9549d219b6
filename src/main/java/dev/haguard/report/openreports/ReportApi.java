package dev.haguard.report.openreports;

import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.openreports.ResultsReport.ResultSeverity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two report APIs haguard writes, newest first: discovery picks the first one served. Their
 * severities differ: openreports.io has critical, high, medium, low and info; the wgpolicyk8s.io
 * v1alpha2 CRD of kubernetes-sigs/wg-policy-prototypes has only high, medium and low.
 */
public enum ReportApi {
  OPENREPORTS("openreports.io/v1alpha1", Report::new, ClusterReport::new,
      ResultSeverity.CRITICAL, ResultSeverity.MEDIUM, ResultSeverity.INFO),
  WGPOLICY("wgpolicyk8s.io/v1alpha2", PolicyReport::new, ClusterPolicyReport::new,
      ResultSeverity.HIGH, ResultSeverity.MEDIUM, ResultSeverity.LOW);

  private final String apiVersion;
  private final Supplier<ResultsReport> namespaced;
  private final Supplier<ResultsReport> clusterScoped;
  private final Map<Severity, ResultSeverity> severities;

  ReportApi(String apiVersion, Supplier<ResultsReport> namespaced, Supplier<ResultsReport> clusterScoped,
      ResultSeverity critical, ResultSeverity warning, ResultSeverity info) {
    this.apiVersion = apiVersion;
    this.namespaced = namespaced;
    this.clusterScoped = clusterScoped;
    this.severities = new EnumMap<>(Map.of(Severity.CRITICAL, critical, Severity.WARNING, warning, Severity.INFO, info));
  }

  /** The report severity of a haguard severity, in this API's vocabulary. */
  public ResultSeverity severity(Severity severity) {
    return severities.get(severity);
  }

  /** {@code group/version}, as discovery lists it. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The API's two kinds, the cluster-scoped one first. */
  public List<Class<? extends ResultsReport>> kinds() {
    return List.of(newClusterScoped().getClass(), newNamespaced().getClass());
  }

  ResultsReport newNamespaced() {
    return namespaced.get();
  }

  ResultsReport newClusterScoped() {
    return clusterScoped.get();
  }
}
