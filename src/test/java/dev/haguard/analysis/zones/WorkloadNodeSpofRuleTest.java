package dev.haguard.analysis.zones;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.notReady;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

class WorkloadNodeSpofRuleTest {
  private final Deployment web = deployment("shop", "web", 2, "nginx:1.27");
  private final ReplicaSet rs = replicaSetOf(web);

  @Test
  void firesWhenEveryReadyReplicaSharesOneNode() {
    assertSingleFinding(findings(new WorkloadNodeSpofRule(), PolicyResolver.defaults(),
            node("n1", "a"), node("n2", "a"), web, rs, podOf(rs, 0, "n1"), podOf(rs, 1, "n1")),
        "workload-node-spof", Severity.WARNING, ObjectRef.of(web));
    // The not-Ready pod elsewhere does not serve: every Ready one is still on n1.
    assertThat(findings(new WorkloadNodeSpofRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "a"), web, rs, podOf(rs, 0, "n1"), notReady(podOf(rs, 1, "n2")))).hasSize(1);
  }

  @Test
  void staysQuietWhenSpreadOrWhenOnlyOneNodeExists() {
    assertThat(findings(new WorkloadNodeSpofRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "a"), web, rs, podOf(rs, 0, "n1"), podOf(rs, 1, "n2"))).isEmpty();
    assertThat(findings(new WorkloadNodeSpofRule(), PolicyResolver.defaults(),
        node("n1", "a"), web, rs, podOf(rs, 0, "n1"), podOf(rs, 1, "n1"))).isEmpty();
  }
}
