package dev.haguard.operator;

import static dev.haguard.operator.EnforceFixtures.NS;
import static dev.haguard.operator.EnforceFixtures.action;
import static dev.haguard.operator.EnforceFixtures.barePod;
import static dev.haguard.operator.EnforceFixtures.deployment;
import static dev.haguard.operator.EnforceFixtures.deploymentRunning;
import static dev.haguard.operator.EnforceFixtures.image;
import static dev.haguard.operator.EnforceFixtures.makeAvailable;
import static dev.haguard.operator.EnforceFixtures.remediations;
import static dev.haguard.operator.EnforceFixtures.replacements;
import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.drain;
import static dev.haguard.operator.OperatorFixtures.writes;
import static dev.haguard.support.TestObjects.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.analysis.ConditionReason;
import dev.haguard.analysis.ConditionType;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enforce through the real operator on the embedded API server; the test plays the Deployment controller. */
@EmbeddedTier
class EnforceOperatorTest extends OperatorTestBase {
  private static final String A = digest('a');
  private static final String B = digest('b');

  @Override
  protected OperatorSettings settings() {
    return OperatorFixtures.enforceSettings();
  }

  private void seed(List<? extends HasMetadata> objects) {
    harness.cluster.seed(objects);
  }

  @Test
  void auditPlansEverythingAndWritesOnlyItsStatusAndEvents() throws Exception {
    deploymentRunning(client, "api", "nginx:latest", A, A);
    seed(List.of(barePod("web", "worker-0", "nginx:latest", A)));
    client.resource(EnforceFixtures.audit("default")).create();
    drain(harness.cluster.server());
    startOperator();

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(action(client, "default", "RewriteBarePod", "web").state()).isEqualTo("Planned");
      assertThat(action(client, "default", "PinImage", "api").state()).isEqualTo("Planned");
    });
    await().pollDelay(java.time.Duration.ofSeconds(2)).atMost(SETTLE).until(() -> true);

    List<String> writes = writes(drain(harness.cluster.server())).stream()
        .map(r -> r.getMethod() + " " + r.getPath().replaceAll("\\?.*", "")).toList();
    assertThat(writes).isNotEmpty().allSatisfy(w -> assertThat(w).matches(
        "PATCH /apis/haguard.dev/v1alpha1/clusterpolicies/default/status|POST /api/v1/namespaces/[a-z-]+/events"));
    assertThat(client.pods().inNamespace(NS).withName("web").get()).isNotNull();
    assertThat(replacements(client)).isEmpty();
    assertThat(image(deployment(client, "api").orElseThrow())).isEqualTo("nginx:latest");
  }

  @Test
  void enforceHandsOffTheBarePodAndPinsImages() {
    deploymentRunning(client, "api", "nginx:latest", A, A);
    seed(List.of(barePod("web", "worker-0", "nginx:latest", B)));
    client.resource(EnforceFixtures.enforce("default")).create();
    startOperator();

    await().atMost(SETTLE).until(() -> deployment(client, "web").isPresent());
    Deployment replacement = deployment(client, "web").orElseThrow();
    assertThat(replacement.getMetadata().getAnnotations()).containsKey(HandoffAnnotations.REWRITTEN_FROM);
    assertThat(image(replacement)).isEqualTo("nginx:latest@" + B);
    assertThat(client.pods().inNamespace(NS).withName("web").get()).as("kept until the replacement is available")
        .isNotNull();
    await().atMost(SETTLE).untilAsserted(() ->
        assertThat(image(deployment(client, "api").orElseThrow())).as("%s", EnforceFixtures.actions(client, "default"))
            .isEqualTo("nginx:latest@" + A));

    makeAvailable(client, "web");

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(client.pods().inNamespace(NS).withName("web").get()).isNull();
      assertThat(action(client, "default", "RewriteBarePod", "web").state()).isEqualTo("Done");
      assertThat(action(client, "default", "PinImage", "api").state()).isEqualTo("Done");
    });
    assertThat(replacements(client)).hasSize(1);
    assertThat(remediations(operator, "RewriteBarePod", "done")).isEqualTo(1);
    assertThat(remediations(operator, "PinImage", "done")).isEqualTo(1);
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).extracting(Event::getReason)
        .contains("RewriteBarePod", "PinImage");
  }

  @Test
  void aReplacementThatNeverBecomesAvailableIsRolledBack() {
    seed(List.of(barePod("web", "worker-0", "nginx:latest", A)));
    client.resource(EnforceFixtures.policy("default",
        "{\"mode\": \"Enforce\", \"barePods\": {\"readyTimeoutSeconds\": 2}}")).create();
    startOperator();

    await().atMost(SETTLE).untilAsserted(() ->
        assertThat(action(client, "default", "RewriteBarePod", "web").state()).isEqualTo("RolledBack"));
    assertThat(replacements(client)).isEmpty();
    Pod pod = client.pods().inNamespace(NS).withName("web").get();
    assertThat(pod).isNotNull();
    assertThat(pod.getMetadata().getAnnotations()).containsKeys(HandoffAnnotations.FAILURE,
        HandoffAnnotations.RETRY_AFTER);
    assertThat(remediations(operator, "RewriteBarePod", "rolled_back")).isEqualTo(1);
  }

  @Test
  void aNewOperatorResumesTheHandOffFromTheAnnotations() {
    seed(List.of(barePod("web", "worker-0", "nginx:latest", A)));
    client.resource(EnforceFixtures.enforce("default")).create();
    HaguardOperator first = harness.start(settings());
    await().atMost(SETTLE).until(() -> deployment(client, "web").isPresent());
    harness.stop(first);

    makeAvailable(client, "web");
    operator = harness.start(settings());

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(client.pods().inNamespace(NS).withName("web").get()).isNull();
      assertThat(action(client, "default", "RewriteBarePod", "web").state()).isEqualTo("Done");
    });
    assertThat(replacements(client)).hasSize(1);
  }

  @Test
  void aPodWithAReadWriteOnceVolumeIsReplacedOnItsNodeWithRecreate() {
    Pod pod = new PodBuilder(barePod("db", "worker-1", "postgres:latest", A)).editSpec()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("db-data")
        .endPersistentVolumeClaim().endVolume().endSpec().build();
    seed(List.of(new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(NS).withName("db-data")
        .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").endSpec().build(), pod));
    client.resource(EnforceFixtures.enforce("default")).create();
    startOperator();

    await().atMost(SETTLE).until(() -> deployment(client, "db").isPresent());
    Deployment d = deployment(client, "db").orElseThrow();
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions()
        .get(0).getValues()).containsExactly("worker-1");
  }

  @Test
  void driftIsPinnedToTheMajorityDigestOnly() {
    deploymentRunning(client, "api", "nginx:latest", A, A, B);
    deploymentRunning(client, "split", "redis:latest", A, B);
    client.resource(EnforceFixtures.enforce("default")).create();
    startOperator();

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(image(deployment(client, "api").orElseThrow())).isEqualTo("nginx:latest@" + A);
      assertThat(action(client, "default", "PinImage", "split").state()).isEqualTo("Skipped");
    });
    assertThat(image(deployment(client, "split").orElseThrow())).isEqualTo("redis:latest");
  }

  @Test
  void aSecondEnforcePolicyStaysPassiveAndSaysWhy() {
    seed(List.of(barePod("web", "worker-0", "nginx:latest", A)));
    client.resource(EnforceFixtures.enforce("first")).create();
    client.resource(EnforceFixtures.enforce("second")).create();
    startOperator();

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(action(client, "first", "RewriteBarePod", "web").state()).isEqualTo("InProgress");
      assertThat(action(client, "second", "RewriteBarePod", "web").state()).isEqualTo("Planned");
      assertThat(harness.policy("second").getStatus().conditions())
          .filteredOn(c -> c.getType().equals(ConditionType.ENFORCING.type()))
          .singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo(ConditionReason.ENFORCE_CONFLICT.reason());
          });
      assertThat(harness.policy("first").getStatus().conditions())
          .filteredOn(c -> c.getType().equals(ConditionType.ENFORCING.type()))
          .extracting(c -> c.getStatus()).containsExactly("True");
    });
    assertThat(replacements(client)).hasSize(1);
    List<Action> second = EnforceFixtures.actions(client, "second");
    assertThat(second).allSatisfy(a -> assertThat(a.state()).isIn("Planned", "Skipped"));
  }
}
