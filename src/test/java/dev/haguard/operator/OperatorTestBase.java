package dev.haguard.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;

/** A test of the operator with the test rules on the three-zone cluster; stopped after each test. */
abstract class OperatorTestBase {
  protected final OperatorHarness harness = new OperatorHarness();
  protected final KubernetesClient client = harness.client;
  protected HaguardOperator operator;

  @AfterEach
  void stopOperatorAndCluster() {
    harness.close();
  }

  protected void startOperator() {
    operator = harness.start(settings());
  }

  /** The operator's settings: the test rules unless a test needs others. */
  protected OperatorSettings settings() {
    return OperatorFixtures.settings();
  }

  protected double reconciles() {
    return OperatorHarness.reconciles(operator);
  }
}
