package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * What the Enforce tests through the operator share: policies with a spec, workloads with Ready
 * pods that report the digest they run, and the Deployment controller's part (the embedded API
 * server has none), played by the test.
 */
final class EnforceFixtures {
  static final String NS = "apps";

  private EnforceFixtures() {}

  /** A policy with {@code spec} given as JSON text (e.g. {@code {"mode": "Enforce"}}). */
  static ClusterPolicy policy(String name, String specJson) {
    ClusterPolicy policy = OperatorFixtures.policy(name);
    try {
      policy.setRawSpec((ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(specJson));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(specJson, e);
    }
    return policy;
  }

  static ClusterPolicy enforce(String name) {
    return policy(name, "{\"mode\": \"Enforce\"}");
  }

  static ClusterPolicy audit(String name) {
    ClusterPolicy policy = OperatorFixtures.policy(name);
    policy.setRawSpec(JsonNodeFactory.instance.objectNode());
    return policy;
  }

  /** A Ready bare pod on {@code node} running {@code image}, reported as {@code digest}. */
  static Pod barePod(String name, String node, String image, String digest) {
    return TestObjects.runningDigest(TestObjects.pod(NS, name, node, image), digest);
  }

  /**
   * Creates a Deployment with a ReplicaSet and one Ready pod per digest, each reporting that digest;
   * owner references carry the uids the API server gave.
   */
  static void deploymentRunning(KubernetesClient client, String name, String image, String... digests) {
    Deployment d = client.resource(TestObjects.deployment(NS, name, digests.length, image)).create();
    ReplicaSet rs = client.resource(TestObjects.replicaSetOf(d)).create();
    for (int i = 0; i < digests.length; i++) {
      client.resource(TestObjects.runningDigest(TestObjects.podOf(rs, i, "worker-" + (i % 3)), digests[i])).create();
    }
  }

  static Optional<Deployment> deployment(KubernetesClient client, String name) {
    return Optional.ofNullable(client.apps().deployments().inNamespace(NS).withName(name).get());
  }

  static List<Deployment> replacements(KubernetesClient client) {
    return client.apps().deployments().inNamespace(NS).withLabel(HandoffAnnotations.REPLACEMENT_LABEL).list()
        .getItems();
  }

  /** The Deployment controller's part: one replica available. */
  static void makeAvailable(KubernetesClient client, String name) {
    Deployment d = deployment(client, name).orElseThrow();
    d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
  }

  static String image(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  static List<Action> actions(KubernetesClient client, String policy) {
    ClusterPolicy p = client.resources(ClusterPolicy.class).withName(policy).get();
    return p == null || p.getStatus() == null || p.getStatus().actions() == null ? List.of() : p.getStatus().actions();
  }

  static Action action(KubernetesClient client, String policy, String type, String objectName) {
    List<Action> matching = actions(client, policy).stream()
        .filter(a -> a.type().equals(type) && a.object().name().equals(objectName)).toList();
    assertThat(matching).as("%s of %s in %s", type, objectName, actions(client, policy)).hasSize(1);
    return matching.get(0);
  }

  static double remediations(HaguardOperator operator, String type, String outcome) {
    return operator.meterRegistry().find("haguard.remediations").tag("type", type).tag("outcome", outcome)
        .counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
