package dev.haguard.report.openreports;

import dev.haguard.demo.EmbeddedCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.report.DemoInput;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's reports, created as {@code audit -o openreports | kubectl apply -f -} would, on the
 * embedded API server with the CRDs crd-generator writes from the report classes registered.
 * The embedded server validates no schema: PolicyReportsTest validates the same reports against it.
 */
@EmbeddedTier
@EnableKubernetesMockClient(crud = true)
class ReportsOnTheApiServerTest {
  KubernetesClient client;

  @Test
  void theDemosReportsAreStoredAndReadBackWhole() throws IOException {
    for (ReportApi api : ReportApi.values()) {
      List<ResultsReport> reports = PolicyReports.of(DemoInput.read(), api, PolicyReports.MAX_RESULTS);
      for (ResultsReport report : reports) {
        EmbeddedCluster.installGeneratedCrd(client, report.getClass());
        client.resource(report).create();
      }

      for (ResultsReport report : reports) {
        ResultsReport stored = client.resource(report).get();
        assertThat(stored).as(report.getKind() + " " + report.getMetadata().getNamespace()).isNotNull();
        assertThat(stored.getResults()).isEqualTo(report.getResults());
        assertThat(stored.getSummary()).isEqualTo(report.getSummary());
      }
      assertThat(client.resources(api.newNamespaced().getClass()).inAnyNamespace().list().getItems())
          .extracting(r -> r.getMetadata().getNamespace())
          .containsExactlyInAnyOrder(reports.stream().map(HasMetadata::getMetadata)
              .map(m -> m.getNamespace()).filter(ns -> ns != null).toArray(String[]::new));
    }
  }
}
