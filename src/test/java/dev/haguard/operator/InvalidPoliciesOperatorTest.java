package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.SpecFields;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Raw JSON the Java types cannot hold, stored as a real API server without the CRD's schema would
 * store it: one policy per spec field, broken in that field. The operator's informer reads them all,
 * each gets Ready=False/InvalidSpec naming its field and nothing else (no analysis, Events or figures),
 * and the one valid policy among them keeps being reconciled.
 */
@EmbeddedTier
class InvalidPoliciesOperatorTest extends OperatorTestBase {

  @Test
  void everyBrokenFieldIsNamedAndTheValidPolicyKeepsReconciling() {
    List<SpecFields.Broken> broken = SpecFields.all();
    for (int i = 0; i < broken.size(); i++) {
      GenericKubernetesResource raw = new GenericKubernetesResource();
      raw.setApiVersion("haguard.dev/v1alpha1");
      raw.setKind("ClusterPolicy");
      raw.setMetadata(new ObjectMetaBuilder().withName("broken-" + i).build());
      raw.setAdditionalProperty("spec", broken.get(i).spec());
      client.genericKubernetesResources("haguard.dev/v1alpha1", "ClusterPolicy").resource(raw).create();
    }
    client.resource(OperatorFixtures.policy("default")).create();
    startOperator();

    for (int i = 0; i < broken.size(); i++) {
      String name = "broken-" + i;
      String field = broken.get(i).field();
      await().atMost(SETTLE).untilAsserted(() -> assertThat(statusOf(name)).as(name).isNotNull());
      ClusterPolicyStatus status = statusOf(name);
      assertThat(status.conditions()).as(broken.get(i).toString()).singleElement().satisfies(c -> {
        assertThat(c.getReason()).isEqualTo("InvalidSpec");
        assertThat(c.getMessage()).contains(field);
      });
      assertThat(status.etcd()).isNull();
      assertThat(status.findings()).isNull();
      assertThat(operator.meterRegistry().find("haguard.etcd.members").tag("policy", name).gauge()).isNull();
    }
    await().atMost(SETTLE).untilAsserted(() -> assertThat(statusOf("default").etcd().members()).isEqualTo(3));

    client.pods().inNamespace("kube-system").withName("etcd-cp-0").delete();

    await().atMost(SETTLE).untilAsserted(() -> assertThat(statusOf("default").etcd().members()).isEqualTo(2));
    assertThat(statusOf("default").conditions()).extracting(Condition::getReason).doesNotContain("InvalidSpec");
    List<Event> events = client.v1().events().inAnyNamespace().list().getItems();
    assertThat(events).noneMatch(e -> e.getInvolvedObject().getName().startsWith("broken-"));
  }

  private ClusterPolicyStatus statusOf(String name) {
    ClusterPolicy policy = client.resources(ClusterPolicy.class).withName(name).get();
    return policy == null ? null : policy.getStatus();
  }
}
