package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.demo.DemoRun;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.report.DemoInput;
import dev.haguard.report.openreports.PolicyReports;
import dev.haguard.report.openreports.ReportApi;
import dev.haguard.report.openreports.ResultsReport;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.ReportCrds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The operator's reports for the demo cluster are the reports {@code audit -o openreports} prints for
 * the same file (the audit's path to them shares no code with the operator's before the analysis),
 * and each one as the API server holds it validates against its kind's generated CRD.
 */
@EmbeddedTier
class DemoReportsTest {

  @Test
  void theDemosReportsAreTheAuditsAndValidateAgainstTheCrds() throws Exception {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      cluster.serveReportApi(ReportApi.OPENREPORTS);
      List<HasMetadata> objects;
      try (InputStream in = Files.newInputStream(ProjectFiles.path(DemoInput.FILE))) {
        objects = new ArrayList<>(cluster.client().load(in).items());
      }
      objects.removeIf(ClusterPolicy.class::isInstance);
      DemoRun.Result run = DemoRun.run(cluster, objects, OperatorFixtures.policy("default"),
          OperatorSettings.defaults().withoutHttp().withResolver(host -> List.of()), Duration.ofSeconds(60), false);
      assertThat(run.settled()).isTrue();

      Map<String, ResultsReport> expected = byPlace(PolicyReports.of(DemoInput.read(), ReportApi.OPENREPORTS,
          PolicyReports.MAX_RESULTS));
      List<ResultsReport> stored = new ArrayList<>();
      ReportApi.OPENREPORTS.kinds().forEach(kind -> stored.addAll(cluster.client().resources(kind).inAnyNamespace()
          .list().getItems()));
      Map<String, ResultsReport> written = byPlace(stored);

      assertThat(written.keySet()).containsExactlyElementsOf(expected.keySet()).contains("ClusterReport/");
      expected.forEach((place, report) -> {
        assertThat(written.get(place).getResults()).as(place).isEqualTo(report.getResults());
        assertThat(written.get(place).getSummary()).as(place).isEqualTo(report.getSummary());
        assertThat(written.get(place).getMetadata().getLabels()).as(place)
            .isEqualTo(report.getMetadata().getLabels());
      });
      for (ResultsReport report : stored) {
        JsonNode json = cluster.client().getKubernetesSerialization().convertValue(report, JsonNode.class);
        ReportCrds.assertValid(json, report.getClass());
      }
    }
  }

  private static Map<String, ResultsReport> byPlace(List<ResultsReport> reports) {
    Map<String, ResultsReport> byPlace = new TreeMap<>();
    reports.forEach(r -> byPlace.put(r.getKind() + "/" + (r.getMetadata().getNamespace() == null ? ""
        : r.getMetadata().getNamespace()), r));
    return byPlace;
  }
}
