package dev.haguard.operator;

import dev.haguard.demo.EmbeddedCluster;
import static dev.haguard.report.TestFindings.deployment;
import static dev.haguard.report.TestFindings.finding;
import static dev.haguard.report.TestFindings.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.StatusMapper.ReportsWritten;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.ReportInput;
import dev.haguard.report.openreports.ReportApi;
import dev.haguard.support.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every call the report writer makes, in both APIs: where only wgpolicyk8s.io is served it creates,
 * updates and deletes reports; once openreports.io is served too (found at the next re-check) it
 * lists, creates, updates and deletes those (of both scopes), and deletes the wgpolicyk8s.io ones it
 * replaced. The RBAC tests run it through their recording proxy.
 */
public final class ReportsWalkthrough {
  private static final Duration RECHECK = Duration.ofMinutes(5);
  private static final ObjectRef NODE = new ObjectRef("v1", "Node", null, "worker-a1");
  private static final ReportInput EVERYWHERE = input(List.of(
      finding("zone-single", Severity.WARNING, NODE),
      finding("workload-zone-spof", Severity.WARNING, deployment("shop", "cart")),
      finding("workload-zone-spof", Severity.WARNING, deployment("blog", "web"))));
  private static final ReportInput FEWER = input(List.of(
      finding("zone-single", Severity.CRITICAL, NODE),
      finding("workload-zone-spof", Severity.CRITICAL, deployment("shop", "cart"))));
  private static final ReportInput NAMESPACED_ONLY = input(List.of(
      finding("workload-zone-spof", Severity.WARNING, deployment("shop", "cart"))));

  private ReportsWalkthrough() {}

  /**
   * @param writerClient the client the writer uses (through the recording proxy)
   * @param direct       a client straight to {@code server}, for the setting up
   */
  public static void run(KubernetesMockServer server, KubernetesClient writerClient, KubernetesClient direct) {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T05:00:00Z"));
    ReportWriter writer = new ReportWriter(writerClient, clock, RECHECK, new HaguardMetrics(new SimpleMeterRegistry()));
    ClusterPolicy policy = direct.resource(OperatorFixtures.policy(EVERYWHERE.policyName())).create();

    EmbeddedCluster.serveReportApi(server, direct, ReportApi.WGPOLICY);
    writeAndCheck(writer, policy, EVERYWHERE, ReportApi.WGPOLICY);
    writeAndCheck(writer, policy, FEWER, ReportApi.WGPOLICY);

    EmbeddedCluster.serveReportApi(server, direct, ReportApi.OPENREPORTS);
    clock.advance(RECHECK);
    writeAndCheck(writer, policy, EVERYWHERE, ReportApi.OPENREPORTS);
    writeAndCheck(writer, policy, FEWER, ReportApi.OPENREPORTS);
    writeAndCheck(writer, policy, NAMESPACED_ONLY, ReportApi.OPENREPORTS);
    for (ReportApi api : ReportApi.values()) {
      int expected = api == ReportApi.OPENREPORTS ? 1 : 0;
      assertThat(api.kinds().stream().mapToInt(kind -> direct.resources(kind).inAnyNamespace().list().getItems()
          .size()).sum()).as(api.apiVersion()).isEqualTo(expected);
    }
  }

  /** Writes {@code input} and checks that it went to {@code api}: a report per namespace, and the cluster's. */
  private static void writeAndCheck(ReportWriter writer, ClusterPolicy policy, ReportInput input, ReportApi api) {
    long places = input.findings().stream().map(f -> String.valueOf(f.object().namespace())).distinct().count();
    assertThat(writer.write(policy, input)).isEqualTo(new ReportsWritten(api.apiVersion(), (int) places, null));
  }
}
