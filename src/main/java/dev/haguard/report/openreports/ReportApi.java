package dev.haguard.report.openreports;

import java.util.function.Supplier;

/** The two report APIs haguard writes, newest first: discovery picks the first one served. */
public enum ReportApi {
  OPENREPORTS("openreports.io/v1alpha1", Report::new, ClusterReport::new),
  WGPOLICY("wgpolicyk8s.io/v1alpha2", PolicyReport::new, ClusterPolicyReport::new);

  private final String apiVersion;
  private final Supplier<ResultsReport> namespaced;
  private final Supplier<ResultsReport> clusterScoped;

  ReportApi(String apiVersion, Supplier<ResultsReport> namespaced, Supplier<ResultsReport> clusterScoped) {
    this.apiVersion = apiVersion;
    this.namespaced = namespaced;
    this.clusterScoped = clusterScoped;
  }

  /** {@code group/version}, as discovery lists it. */
  public String apiVersion() {
    return apiVersion;
  }

  ResultsReport newNamespaced() {
    return namespaced.get();
  }

  ResultsReport newClusterScoped() {
    return clusterScoped.get();
  }
}
