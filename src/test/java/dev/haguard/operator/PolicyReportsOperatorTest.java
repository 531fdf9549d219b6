package dev.haguard.operator;

import dev.haguard.demo.EmbeddedCluster;
import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.latestPod;
import static dev.haguard.operator.OperatorFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.report.openreports.ClusterPolicyReport;
import dev.haguard.report.openreports.PolicyReport;
import dev.haguard.report.openreports.Report;
import dev.haguard.report.openreports.ReportApi;
import dev.haguard.report.openreports.ResultsReport;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.MutableClock;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The operator's policy reports on the embedded API server, with the report CRDs crd-generator
 * writes registered and discovery answered for them as a real server would (the embedded one has
 * none). The embedded server has no garbage collector: the owner references are asserted instead.
 */
@EmbeddedTier
class PolicyReportsOperatorTest extends OperatorTestBase {
  private static final String CONDITION = "ReportsWritten";

  @Test
  void eachNamespaceWithFindingsGetsAReportOwnedByThePolicy() {
    startWithFindingsInAppsAndShop();

    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).keySet().equals(Set.of("apps", "shop"))
        && condition().map(c -> c.getStatus().equals("True")).orElse(false));

    ClusterPolicy stored = harness.policy("default");
    assertThat(condition()).get().extracting(Condition::getReason).isEqualTo("ReportsWritten");
    for (ResultsReport report : reportsByNamespace(Report.class).values()) {
      assertThat(report.getMetadata().getName()).isEqualTo("haguard-default");
      assertThat(report.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "haguard");
      OwnerReference owner = report.getMetadata().getOwnerReferences().get(0);
      assertThat(report.getMetadata().getOwnerReferences()).hasSize(1);
      assertThat(owner.getApiVersion()).isEqualTo("haguard.dev/v1alpha1");
      assertThat(owner.getKind()).isEqualTo("ClusterPolicy");
      assertThat(owner.getName()).isEqualTo("default");
      assertThat(owner.getUid()).isEqualTo(stored.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
      assertThat(report.getResults()).extracting(ResultsReport.Result::rule).containsOnly("image-mutable-tag");
    }
    assertThat(reportsByNamespace(Report.class).get("shop").getResults().get(0).resources().get(0).getName())
        .isEqualTo("cart");
  }

  @Test
  void aReportIsWrittenOnlyWhenItsContentChangesAndDeletedWhenItsNamespaceHasNoFindingAnyMore() {
    startWithFindingsInAppsAndShop();
    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).size() == 2);
    Map<String, String> versions = resourceVersions();
    double writes = reportWrites();

    // A pod without findings: the cluster changed, its findings did not.
    double before = reconciles();
    client.resource(TestObjects.pod("shop", "pinned", "worker-2", "redis:7.2")).create();
    await().atMost(SETTLE).until(() -> reconciles() > before);
    assertThat(resourceVersions()).isEqualTo(versions);
    assertThat(reportWrites()).isEqualTo(writes);

    client.resource(TestObjects.pod("shop", "queue", "worker-2", "rabbitmq:latest")).create();
    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).get("shop").getResults().size() == 2);
    assertThat(resourceVersions().get("apps")).isEqualTo(versions.get("apps"));

    client.pods().inNamespace("apps").withName("web-0").delete();
    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).keySet().equals(Set.of("shop")));
    assertThat(reportWrites()).isEqualTo(writes + 2);
  }

  @Test
  void aReportDeletedByHandIsWrittenAgainAtTheNextListing() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T05:00:00Z"));
    EmbeddedCluster.serveReportApi(harness.cluster.server(), client, ReportApi.OPENREPORTS);
    client.resource(latestPod(0)).create();
    client.resource(policy("default")).create();
    operator = harness.start(OperatorFixtures.settings().withClock(clock));
    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).containsKey("apps"));

    client.resources(Report.class).inNamespace("apps").withName("haguard-default").delete();
    clock.advance(OperatorSettings.defaults().recheckInterval());
    client.resource(TestObjects.pod("apps", "pinned", "worker-2", "redis:7.2")).create();

    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).containsKey("apps"));
  }

  @Test
  void whereOnlyWgPolicyIsServedItsPolicyReportsAreWritten() {
    EmbeddedCluster.serveReportApi(harness.cluster.server(), client, ReportApi.WGPOLICY);
    client.resource(latestPod(0)).create();
    client.resource(policy("default")).create();
    startOperator();

    await().atMost(SETTLE).until(() -> reportsByNamespace(PolicyReport.class).containsKey("apps"));
    assertThat(client.resources(ClusterPolicyReport.class).list().getItems()).isEmpty();
    await().atMost(SETTLE).untilAsserted(() -> assertThat(condition()).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).contains("wgpolicyk8s.io/v1alpha2");
    }));
  }

  @Test
  void whereNeitherIsServedNoReportIsWrittenAndTheConditionSaysSoUntilDiscoveryFindsOneLater() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T05:00:00Z"));
    client.resource(latestPod(0)).create();
    client.resource(policy("default")).create();
    operator = harness.start(OperatorFixtures.settings().withClock(clock));

    await().atMost(SETTLE).untilAsserted(() -> assertThat(condition()).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("ReportApiNotServed");
    }));
    assertThat(reportWrites()).isZero();

    EmbeddedCluster.serveReportApi(harness.cluster.server(), client, ReportApi.OPENREPORTS);
    clock.advance(OperatorSettings.defaults().recheckInterval());
    client.resource(latestPod(1)).create();
    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).containsKey("apps"));
    await().atMost(SETTLE).until(() -> condition().map(c -> c.getStatus().equals("True")).orElse(false));
  }

  @Test
  void aRefusedWriteTurnsTheConditionFalseAndIsRetriedAtTheNextReconcile() {
    EmbeddedCluster.serveReportApi(harness.cluster.server(), client, ReportApi.OPENREPORTS);
    harness.cluster.server().expect().post().withPath("/apis/openreports.io/v1alpha1/namespaces/apps/reports")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
            .withMessage("reports.openreports.io is forbidden").build())
        .once();
    client.resource(latestPod(0)).create();
    client.resource(policy("default")).create();
    startOperator();

    await().atMost(SETTLE).untilAsserted(() -> assertThat(condition()).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("ReportWriteFailed");
      assertThat(c.getMessage()).contains("403", "forbidden");
    }));
    client.resource(latestPod(1)).create();
    await().atMost(SETTLE).until(() -> reportsByNamespace(Report.class).containsKey("apps")
        && condition().map(c -> c.getStatus().equals("True")).orElse(false));
    assertThat(operator.meterRegistry().find("haguard.report.writes").tag("operation", "failed").counter().count())
        .isEqualTo(1);
  }

  /** OpenReports served, a :latest pod in apps and one in shop, the policy, the operator. */
  private void startWithFindingsInAppsAndShop() {
    EmbeddedCluster.serveReportApi(harness.cluster.server(), client, ReportApi.OPENREPORTS);
    client.resource(latestPod(0)).create();
    client.resource(TestObjects.pod("shop", "cart", "worker-1", "redis:latest")).create();
    client.resource(policy("default")).create();
    startOperator();
  }

  private Optional<Condition> condition() {
    ClusterPolicy policy = harness.policy("default");
    return policy == null || policy.getStatus() == null ? Optional.empty()
        : policy.getStatus().conditions().stream().filter(c -> c.getType().equals(CONDITION)).findFirst();
  }

  private <R extends ResultsReport> Map<String, ResultsReport> reportsByNamespace(Class<R> kind) {
    Map<String, ResultsReport> reports = new TreeMap<>();
    client.resources(kind).inAnyNamespace().list().getItems()
        .forEach(r -> reports.put(r.getMetadata().getNamespace(), r));
    return reports;
  }

  private Map<String, String> resourceVersions() {
    Map<String, String> versions = new TreeMap<>();
    reportsByNamespace(Report.class).forEach((ns, r) -> versions.put(ns, r.getMetadata().getResourceVersion()));
    return versions;
  }

  private double reportWrites() {
    return operator.meterRegistry().find("haguard.report.writes").counters().stream().mapToDouble(c -> c.count())
        .sum();
  }
}
