package dev.haguard.report.openreports;

import static dev.haguard.report.TestFindings.deployment;
import static dev.haguard.report.TestFindings.finding;
import static dev.haguard.report.TestFindings.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.DemoInput;
import dev.haguard.report.ReportInput.ReportFinding;
import dev.haguard.support.ReportCrds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyReportsTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectRef NODE = new ObjectRef("v1", "Node", null, "worker-a1");
  private static final ObjectRef ETCD = new ObjectRef(null, "EtcdCluster", "kube-system", "etcd");

  @Test
  void clusterScopedObjectsAndComponentsGoToTheClusterReportTheRestToTheirNamespacesReport() {
    List<ResultsReport> reports = PolicyReports.of(input(List.of(
        finding("zone-single", Severity.WARNING, NODE),
        finding("etcd-even-members", Severity.WARNING, ETCD),
        finding("workload-zone-spof", Severity.WARNING, deployment("shop", "cart")),
        finding("pod-bare", Severity.WARNING, new ObjectRef("v1", "Pod", "kube-system", "debug")))),
        ReportApi.OPENREPORTS, PolicyReports.MAX_RESULTS);

    assertThat(reports).extracting(HasMetadata::getKind).containsExactly("ClusterReport", "Report", "Report");
    assertThat(reports).extracting(r -> r.getMetadata().getNamespace()).containsExactly(null, "kube-system", "shop");
    assertThat(resourceNames(reports.get(0))).containsExactly("worker-a1", "etcd");
    assertThat(resourceNames(reports.get(1))).containsExactly("debug");
    assertThat(resourceNames(reports.get(2))).containsExactly("cart");
  }

  @Test
  void noFindingNoReport() {
    assertThat(PolicyReports.of(input(List.of()), ReportApi.OPENREPORTS, 10)).isEmpty();
  }

  @Test
  void aResultCarriesRuleSeverityOutcomeObjectAndFacts() {
    ResultsReport report = PolicyReports.of(input(List.of(
        finding("volume-zone-conflict", Severity.CRITICAL, deployment("shop", "a")),
        finding("workload-zone-spof", Severity.WARNING, deployment("shop", "b")),
        finding("image-not-pinned", Severity.INFO, deployment("shop", "c")))),
        ReportApi.OPENREPORTS, 10).get(0);

    assertThat(report.getResults()).extracting(ResultsReport.Result::severity)
        .containsExactly(ResultsReport.ResultSeverity.CRITICAL, ResultsReport.ResultSeverity.MEDIUM,
            ResultsReport.ResultSeverity.INFO);
    assertThat(report.getResults()).extracting(ResultsReport.Result::result).containsExactly(ResultsReport.Outcome.FAIL, ResultsReport.Outcome.WARN, ResultsReport.Outcome.WARN);
    ResultsReport.Result first = report.getResults().get(0);
    assertThat(first.rule()).isEqualTo("volume-zone-conflict");
    assertThat(first.policy()).isEqualTo("prod");
    assertThat(first.source()).isEqualTo("haguard");
    assertThat(first.category()).isEqualTo("ZoneSpread");
    assertThat(first.properties()).containsEntry("fix", "fix for Deployment/shop/a");
    assertThat(report.getSummary()).isEqualTo(new ResultsReport.Summary(0, 1, 2, 0, 0));
    assertThat(((OpenReport) report).getSource()).isEqualTo("haguard");
    assertThat(report.getMetadata().getName()).isEqualTo("haguard-prod");
    assertThat(report.getMetadata().getLabels()).containsEntry(PolicyReports.POLICY_LABEL, "prod");
  }

  @Test
  void aReportListsAtMostTheCapAndCountsTheRestInItsSummary() {
    List<ReportFinding> many = IntStream.range(0, 7)
        .mapToObj(i -> finding("workload-zone-spof", Severity.WARNING, deployment("shop", "d" + i))).toList();

    ResultsReport capped = PolicyReports.of(input(many), ReportApi.OPENREPORTS, 5).get(0);
    ResultsReport whole = PolicyReports.of(input(many), ReportApi.OPENREPORTS, 7).get(0);

    assertThat(capped.getResults()).hasSize(5);
    assertThat(capped.getSummary().warn()).isEqualTo(7);
    assertThat(capped.getMetadata().getAnnotations()).containsEntry(PolicyReports.NOT_LISTED_ANNOTATION, "2");
    assertThat(whole.getResults()).hasSize(7);
    assertThat(whole.getMetadata().getAnnotations()).doesNotContainKey(PolicyReports.NOT_LISTED_ANNOTATION);
  }

  @Test
  void theCappedReportOfManyLongFindingsStaysFarBelowEtcdsObjectLimit() {
    String longText = "x".repeat(600);
    List<ReportFinding> many = IntStream.range(0, 5_000)
        .mapToObj(i -> new ReportFinding("workload-zone-spof", Severity.WARNING,
            deployment("shop", "deployment-with-a-long-name-" + i), longText, longText, Map.of("condition", "Z")))
        .toList();

    ResultsReport report = PolicyReports.of(input(many), ReportApi.OPENREPORTS, PolicyReports.MAX_RESULTS).get(0);

    assertThat(SERIALIZATION.asJson(report).length()).isLessThan(1024 * 1024);
  }

  @Test
  void theWgPolicyFallbackUsesItsOwnKindsAndOnlyTheSeveritiesItsCrdKnows() {
    List<ResultsReport> reports = PolicyReports.of(input(List.of(
        finding("zone-single", Severity.WARNING, NODE),
        finding("volume-zone-conflict", Severity.CRITICAL, deployment("shop", "a")),
        finding("workload-zone-spof", Severity.WARNING, deployment("shop", "b")),
        finding("image-not-pinned", Severity.INFO, deployment("shop", "c")))),
        ReportApi.WGPOLICY, 10);

    assertThat(reports).extracting(HasMetadata::getApiVersion).containsOnly("wgpolicyk8s.io/v1alpha2");
    assertThat(reports).extracting(HasMetadata::getKind).containsExactly("ClusterPolicyReport", "PolicyReport");
    assertThat(reports.get(1).getResults()).extracting(ResultsReport.Result::severity).containsExactly(
        ResultsReport.ResultSeverity.HIGH, ResultsReport.ResultSeverity.MEDIUM, ResultsReport.ResultSeverity.LOW);
  }

  @Test
  void theDemosReportsValidateAgainstTheGeneratedCrdsAndLoseNoFieldToPruning() throws IOException {
    for (ReportApi api : ReportApi.values()) {
      for (ResultsReport report : PolicyReports.of(DemoInput.read(), api, PolicyReports.MAX_RESULTS)) {
        ReportCrds.assertValid(SERIALIZATION.convertValue(report, JsonNode.class), report.getClass());
      }
    }
  }

  @Test
  void thePruningCheckFindsAnUndeclaredField() throws IOException {
    ResultsReport report = PolicyReports.of(DemoInput.read(), ReportApi.OPENREPORTS, 10).get(0);
    JsonNode json = SERIALIZATION.convertValue(report, JsonNode.class);
    ((ObjectNode) json.path("results").get(0)).put("remediation", "x");

    assertThat(ReportCrds.undeclared(json, ReportCrds.schema(report.getClass()))).containsExactly(".results[].remediation");
  }

  private static List<String> resourceNames(ResultsReport report) {
    return report.getResults().stream().flatMap(r -> r.resources().stream()).map(r -> r.getName()).toList();
  }
}
