package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.demo.EmbeddedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** An embedded API server seeded with the three-zone cluster, and the operators a test starts on it. */
final class OperatorHarness implements AutoCloseable {
  final EmbeddedCluster cluster = EmbeddedCluster.start();
  final KubernetesClient client = cluster.client();
  private final List<HaguardOperator> operators = new ArrayList<>();

  OperatorHarness() {
    cluster.seed(OperatorFixtures.threeZoneCluster());
  }

  /** Builds and starts an operator; it is stopped with the harness unless stopped before. */
  HaguardOperator start(OperatorSettings settings) {
    HaguardOperator operator = new HaguardOperator(client, settings);
    operators.add(operator);
    operator.start();
    return operator;
  }

  void stop(HaguardOperator operator) {
    operators.remove(operator);
    operator.close();
  }

  ClusterPolicy policy(String name) {
    return client.resources(ClusterPolicy.class).withName(name).get();
  }

  static double reconciles(HaguardOperator operator) {
    return operator.meterRegistry().find("haguard.reconciles").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Override
  public void close() {
    operators.forEach(HaguardOperator::close);
    cluster.close();
  }
}
