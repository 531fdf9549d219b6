package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.demo.HostsFile;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator on the demo cluster, in the embedded API server: the riskiest nodes in the
 * ClusterPolicy's status and in the node loss gauges, and both following the cluster when a node
 * becomes a single point of failure.
 */
@EmbeddedTier
class NodeLossOperatorTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theDemosRiskiestNodesAreInStatusAndGaugesAndFollowTheCluster() throws Exception {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      List<HasMetadata> objects;
      try (InputStream in = Files.newInputStream(ProjectFiles.path("examples/demo-cluster.yaml"))) {
        objects = cluster.client().load(in).items();
      }
      cluster.seed(objects);
      cluster.client().resource(policy("default")).create();
      OperatorSettings settings = OperatorSettings.defaults().withHttpPort(0)
          .withResolver(HostsFile.read(ProjectFiles.path("examples/hosts")));
      try (HaguardOperator operator = new HaguardOperator(cluster.client(), settings)) {
        operator.start();

        await().atMost(SETTLE).until(() -> zones(cluster) != null && zones(cluster).riskiestNodes() != null);
        assertThat(zones(cluster).riskiestNodes())
            .extracting(NodeLoss::node, NodeLoss::survivable, NodeLoss::workloadsDown, NodeLoss::singleReplicaDown)
            .containsExactly(
                tuple("worker-b1", true, 0, 1),
                tuple("worker-c1", true, 0, 1));
        assertThat(zones(cluster).nodesUnsurvivable()).isZero();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(metrics(operator))
            .contains("haguard_nodes_unsurvivable{policy=\"default\"} 0")
            .contains("haguard_node_loss_workloads_down{node=\"worker-b1\",policy=\"default\"} 1")
            .contains("haguard_node_loss_survivable{node=\"worker-c1\",policy=\"default\"} 1"));

        // Both Ready replicas of a new Deployment on worker-c1: losing that node takes it down.
        Deployment pair = TestObjects.deployment("shop", "search", 2, "nginx:1.27");
        ReplicaSet replicaSet = TestObjects.replicaSetOf(pair);
        cluster.seed(List.of(pair, replicaSet, TestObjects.podOf(replicaSet, 0, "worker-c1"),
            TestObjects.podOf(replicaSet, 1, "worker-c1")));

        await().atMost(SETTLE).untilAsserted(() -> assertThat(zones(cluster).nodesUnsurvivable()).isEqualTo(1));
        NodeLoss riskiest = zones(cluster).riskiestNodes().get(0);
        assertThat(riskiest.node()).isEqualTo("worker-c1");
        assertThat(riskiest.survivable()).isFalse();
        assertThat(riskiest.workloads()).extracting(ClusterPolicyStatus.WorkloadDown::name)
            .containsExactlyInAnyOrder("cart", "search");
        await().atMost(SETTLE).untilAsserted(() -> assertThat(metrics(operator))
            .contains("haguard_nodes_unsurvivable{policy=\"default\"} 1")
            .contains("haguard_node_loss_workloads_down{node=\"worker-c1\",policy=\"default\"} 2")
            .contains("haguard_node_loss_survivable{node=\"worker-c1\",policy=\"default\"} 0"));
      }
    }
  }

  private static ClusterPolicyStatus.Zones zones(EmbeddedCluster cluster) {
    ClusterPolicy stored = cluster.client().resources(ClusterPolicy.class).withName("default").get();
    return stored.getStatus() == null ? null : stored.getStatus().zones();
  }

  private String metrics(HaguardOperator operator) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + operator.httpPort().orElseThrow() + "/metrics");
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
