package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaguardMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HaguardMetrics metrics = new HaguardMetrics(registry);

  private static ClusterPolicyStatus status(List<Finding> findings, boolean zoneBSurvivable) {
    return new ClusterPolicyStatus(1L, null,
        new ClusterPolicyStatus.Etcd(EtcdSource.PODS, 3, 2, 0, 2, 1, 0, Map.of(), false),
        new ClusterPolicyStatus.ApiServer(2, null, "https://k8s:6443", EndpointKind.LOAD_BALANCER, null, Map.of()),
        new ClusterPolicyStatus.Zones(2, Map.of(), Map.of(), List.of(
            new ClusterPolicyStatus.ZoneLoss("a", true, 1, 0, 0, 0, true, null, null, null),
            new ClusterPolicyStatus.ZoneLoss("b", false, 1, 0, 0, 0, zoneBSurvivable, null, null, null))),
        new ClusterPolicyStatus.Summary(0, findings.size(), 0), findings, null, null, List.of());
  }

  /** A status whose riskiest nodes are {@code losses}, {@code unsurvivable} node losses in all. */
  private static ClusterPolicyStatus withNodeLosses(List<ClusterPolicyStatus.NodeLoss> losses, int unsurvivable) {
    ClusterPolicyStatus base = status(List.of(), true);
    ClusterPolicyStatus.Zones z = base.zones();
    return new ClusterPolicyStatus(1L, null, base.etcd(), base.apiServer(),
        new ClusterPolicyStatus.Zones(z.count(), z.nodes(), z.controlPlane(), z.lossSimulation(),
            losses.isEmpty() ? null : losses, null, unsurvivable),
        base.summary(), List.of(), null, null, List.of());
  }

  private static ClusterPolicyStatus.NodeLoss nodeLoss(String node, int down, int single, boolean survivable) {
    return new ClusterPolicyStatus.NodeLoss(node, "a", true, 2, down, single, 0, survivable, null, null);
  }

  @Test
  void theRiskiestNodesHaveGaugesAndANodeThatLeftTheListHasNone() {
    metrics.record("p", withNodeLosses(List.of(nodeLoss("w-1", 2, 1, false), nodeLoss("w-2", 0, 1, true)), 1));

    assertThat(gauge("haguard.node.loss.workloads.down", "policy", "p", "node", "w-1")).isEqualTo(3.0);
    assertThat(gauge("haguard.node.loss.survivable", "policy", "p", "node", "w-1")).isEqualTo(0.0);
    assertThat(gauge("haguard.node.loss.workloads.down", "policy", "p", "node", "w-2")).isEqualTo(1.0);
    assertThat(gauge("haguard.node.loss.survivable", "policy", "p", "node", "w-2")).isEqualTo(1.0);
    assertThat(gauge("haguard.nodes.unsurvivable", "policy", "p")).isEqualTo(1.0);

    metrics.record("p", withNodeLosses(List.of(), 0));

    assertThat(gauge("haguard.node.loss.workloads.down", "policy", "p", "node", "w-1")).isNull();
    assertThat(gauge("haguard.node.loss.survivable", "policy", "p", "node", "w-2")).isNull();
    assertThat(gauge("haguard.nodes.unsurvivable", "policy", "p")).isEqualTo(0.0);
  }

  private static Finding finding(String rule, String pod) {
    return new Finding(rule, Severity.WARNING, new ObjectRef("v1", "Pod", "ns", pod), "m", "r");
  }

  private Double gauge(String name, String... tags) {
    Gauge g = registry.find(name).tags(tags).gauge();
    return g == null ? null : g.value();
  }

  @Test
  void everyFigureOfTheStatusIsAGaugePerPolicy() {
    metrics.record("p", status(List.of(finding("image-mutable-tag", "a"), finding("image-mutable-tag", "b")), false));

    assertThat(gauge("haguard.etcd.members", "policy", "p")).isEqualTo(3.0);
    assertThat(gauge("haguard.etcd.healthy.members", "policy", "p")).isEqualTo(2.0);
    assertThat(gauge("haguard.etcd.quorum", "policy", "p")).isEqualTo(2.0);
    assertThat(gauge("haguard.etcd.failure.tolerance", "policy", "p")).isEqualTo(1.0);
    assertThat(gauge("haguard.etcd.remaining.failure.tolerance", "policy", "p")).isEqualTo(0.0);
    assertThat(gauge("haguard.apiserver.instances", "policy", "p")).isEqualTo(2.0);
    assertThat(gauge("haguard.zones", "policy", "p")).isEqualTo(2.0);
    assertThat(gauge("haguard.zone.loss.survivable", "policy", "p", "zone", "a")).isEqualTo(1.0);
    assertThat(gauge("haguard.zone.loss.survivable", "policy", "p", "zone", "b")).isEqualTo(0.0);
    assertThat(gauge("haguard.findings", "policy", "p", "rule", "image-mutable-tag", "severity", "warning"))
        .isEqualTo(2.0);
  }

  @Test
  void anEtcdThatCouldNotBeObservedHasNoGaugesRatherThanZeros() {
    ClusterPolicyStatus known = status(List.of(), true);
    ClusterPolicyStatus unobserved = new ClusterPolicyStatus(1L, null,
        new ClusterPolicyStatus.Etcd(EtcdSource.UNOBSERVABLE, null, null, null, null, null, null, null, null),
        known.apiServer(), known.zones(), known.summary(), List.of(), null, null, List.of());
    metrics.record("p", known);
    metrics.record("p", unobserved);

    for (String etcdGauge : List.of("haguard.etcd.members", "haguard.etcd.healthy.members", "haguard.etcd.quorum",
        "haguard.etcd.failure.tolerance", "haguard.etcd.remaining.failure.tolerance")) {
      assertThat(gauge(etcdGauge, "policy", "p")).as(etcdGauge).isNull();
    }
    assertThat(gauge("haguard.apiserver.instances", "policy", "p")).isEqualTo(2.0);
  }

  @Test
  void gaugesOfAFindingThatWentAwayOrAForgottenPolicyAreRemoved() {
    metrics.record("p", status(List.of(finding("image-mutable-tag", "a")), true));
    metrics.record("q", status(List.of(), true));
    metrics.record("p", status(List.of(), true));
    assertThat(gauge("haguard.findings", "policy", "p", "rule", "image-mutable-tag", "severity", "warning")).isNull();

    metrics.forget("p");
    assertThat(gauge("haguard.etcd.members", "policy", "p")).isNull();
    assertThat(gauge("haguard.zone.loss.survivable", "policy", "p", "zone", "a")).isNull();
    assertThat(gauge("haguard.etcd.members", "policy", "q")).isEqualTo(3.0);
  }

  @Test
  void countersCountReconcilesRemediationsAndReportWrites() {
    metrics.reconciled(HaguardMetrics.Outcome.UPDATED);
    metrics.reconciled(HaguardMetrics.Outcome.UPDATED);
    metrics.reconciled(HaguardMetrics.Outcome.INVALID_SPEC);
    metrics.remediated("RewriteBarePod", "done");
    metrics.reportWritten("Report", "created");

    assertThat(registry.find("haguard.reconciles").tag("outcome", "updated").counter().count()).isEqualTo(2.0);
    assertThat(registry.find("haguard.reconciles").tag("outcome", "invalid_spec").counter().count()).isEqualTo(1.0);
    assertThat(registry.find("haguard.remediations").tags("type", "RewriteBarePod", "outcome", "done").counter()
        .count()).isEqualTo(1.0);
    assertThat(registry.find("haguard.report.writes").tags("kind", "Report", "operation", "created").counter()
        .count()).isEqualTo(1.0);
  }
}
