package dev.haguard.report.openreports;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.ReportInput;
import dev.haguard.report.ReportInput.ReportFinding;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings as policy reports: one cluster-scoped report for cluster-scoped objects and whole
 * components, one namespaced report per namespace. Severity as {@link ReportApi#severity} maps it
 * (openreports.io: critical, medium, info); a critical finding is a {@code fail}, the others a {@code warn}.
 */
public final class PolicyReports {
  public static final String SOURCE = "haguard";
  /**
   * Results listed per report. A result is well under 1 KiB, so a report stays under about
   * 0.5 MiB, far from etcd's 1.5 MiB object limit that Kyverno's reports hit (kyverno#2674, #2330).
   */
  public static final int MAX_RESULTS = 500;
  /** How many results a report counts in its summary but does not list. */
  public static final String NOT_LISTED_ANNOTATION = "haguard.dev/results-not-listed";
  public static final String POLICY_LABEL = "haguard.dev/policy";

  private PolicyReports() {}

  /** The reports of {@code input} in {@code api}'s kinds, the cluster-scoped one first, then by namespace. */
  public static List<ResultsReport> of(ReportInput input, ReportApi api, int maxResults) {
    List<ReportFinding> clusterScoped = new ArrayList<>();
    Map<String, List<ReportFinding>> byNamespace = new TreeMap<>();
    for (ReportFinding f : input.findings()) {
      if (isClusterScoped(f.object())) {
        clusterScoped.add(f);
      } else {
        byNamespace.computeIfAbsent(f.object().namespace(), ns -> new ArrayList<>()).add(f);
      }
    }
    List<ResultsReport> reports = new ArrayList<>();
    if (!clusterScoped.isEmpty()) {
      reports.add(report(api, api.newClusterScoped(), null, clusterScoped, input.policyName(), maxResults));
    }
    byNamespace.forEach((namespace, findings) ->
        reports.add(report(api, api.newNamespaced(), namespace, findings, input.policyName(), maxResults)));
    return reports;
  }

  /**
   * A finding belongs in the cluster-scoped report when its object has no namespace (a Node, a
   * PV, a StorageClass) or is a whole component, which has no apiVersion (etcd, the apiservers).
   */
  static boolean isClusterScoped(ObjectRef object) {
    return object.namespace() == null || object.apiVersion() == null;
  }

  /** The name every report of {@code policyName} carries, in its namespace or the cluster. */
  public static String reportName(String policyName) {
    return SOURCE + "-" + policyName;
  }

  private static ResultsReport report(
      ReportApi api, ResultsReport report, String namespace, List<ReportFinding> findings, String policyName, int maxResults) {
    int notListed = Math.max(0, findings.size() - maxResults);
    ObjectMetaBuilder meta = new ObjectMetaBuilder()
        .withName(reportName(policyName))
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", SOURCE)
        .addToLabels(POLICY_LABEL, policyName);
    if (notListed > 0) {
      meta.addToAnnotations(NOT_LISTED_ANNOTATION, Integer.toString(notListed));
    }
    ObjectMeta metadata = meta.build();
    report.setMetadata(metadata);
    int fail = (int) findings.stream().filter(f -> f.severity() == Severity.CRITICAL).count();
    report.setSummary(new ResultsReport.Summary(0, fail, findings.size() - fail, 0, 0));
    report.setResults(findings.stream().limit(maxResults).map(f -> result(api, f, policyName)).toList());
    if (report instanceof OpenReport open) {
      open.setSource(SOURCE);
      open.setConfiguration(new OpenReport.Configuration(new OpenReport.Limits(maxResults)));
    }
    return report;
  }

  private static ResultsReport.Result result(ReportApi api, ReportFinding f, String policyName) {
    Map<String, String> properties = new LinkedHashMap<>(f.facts());
    properties.put("fix", f.fix());
    return new ResultsReport.Result(
        SOURCE,
        policyName,
        f.rule(),
        f.facts().get(ReportInput.FACT_CONDITION),
        api.severity(f.severity()),
        f.severity() == Severity.CRITICAL ? ResultsReport.Outcome.FAIL : ResultsReport.Outcome.WARN,
        List.of(reference(f.object())),
        f.message(),
        properties);
  }

  private static ObjectReference reference(ObjectRef ref) {
    return new ObjectReferenceBuilder()
        .withApiVersion(ref.apiVersion())
        .withKind(ref.kind())
        .withNamespace(ref.namespace())
        .withName(ref.name())
        .build();
  }
}
