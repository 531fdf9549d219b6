package dev.haguard.operator;

import static dev.haguard.operator.EnforceFixtures.NS;
import static dev.haguard.operator.EnforceFixtures.deployment;
import static dev.haguard.operator.EnforceFixtures.image;
import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.registry.LocalRegistry;
import dev.haguard.support.RealTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enforce pins from a REAL registry (Docker Distribution on loopback) through the operator: a
 * registry that is down is a finding and changes nothing; once it is back, the image is pinned.
 * Pull credentials come from the ServiceAccount's imagePullSecrets.
 */
@RealTier
class EnforceRegistryTest extends OperatorTestBase {
  @TempDir Path dir;

  private List<Finding> findings(String rule) {
    ClusterPolicy p = harness.policy("default");
    return p == null || p.getStatus() == null || p.getStatus().findings() == null ? List.of()
        : p.getStatus().findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  /** A Deployment with no pod running yet: its digest can only come from the registry. */
  private void deploymentOf(String image) {
    client.resource(TestObjects.deployment(NS, "app", 1, image)).create();
  }

  private void startEnforcing() {
    client.resource(EnforceFixtures.enforce("default")).create();
    OperatorSettings defaults = OperatorSettings.defaults();
    operator = harness.start(defaults.withoutHttp());
  }

  @Test
  void aRegistryThatIsDownIsAFindingAndOnceBackTheImageIsPinned() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(dir)) {
      String digest = registry.images().pushImage("team/app", "latest", "amd64");
      String image = registry.host() + "/team/app:latest";
      registry.stop();
      deploymentOf(image);
      startEnforcing();

      await().atMost(SETTLE).untilAsserted(() ->
          assertThat(findings("image-digest-unresolved")).singleElement()
              .satisfies(f -> assertThat(f.object().name()).isEqualTo("app")));
      assertThat(image(deployment(client, "app").orElseThrow())).isEqualTo(image);
      assertThat(EnforceFixtures.action(client, "default", "PinImage", "app").state()).isEqualTo("Failed");

      registry.start();
      // Any change in the cluster brings the next pass (else the failed pin is retried after a minute).
      client.nodes().withName("worker-0").edit(n -> new io.fabric8.kubernetes.api.model.NodeBuilder(n)
          .editMetadata().addToLabels("touched", "yes").endMetadata().build());

      await().atMost(SETTLE).untilAsserted(() -> {
        assertThat(image(deployment(client, "app").orElseThrow())).isEqualTo(image + "@" + digest);
        assertThat(findings("image-digest-unresolved")).isEmpty();
      });
      Deployment pinned = deployment(client, "app").orElseThrow();
      assertThat(pinned.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
          .isEqualTo("IfNotPresent");
    }
  }

  @Test
  void credentialsComeFromTheServiceAccountsImagePullSecrets() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(dir, "puller", "s3cret")) {
      String digest = registry.images().pushImage("team/private", "latest", "amd64");
      String image = registry.host() + "/team/private:latest";
      String auth = Base64.getEncoder().encodeToString("puller:s3cret".getBytes(StandardCharsets.UTF_8));
      String config = "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}";
      client.resource(new SecretBuilder().withNewMetadata().withNamespace(NS).withName("regcred").endMetadata()
          .withType("kubernetes.io/dockerconfigjson")
          .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
          .build()).create();
      client.resource(new ServiceAccountBuilder().withNewMetadata().withNamespace(NS).withName("puller").endMetadata()
          .addNewImagePullSecret("regcred").build()).create();
      client.resource(new DeploymentBuilder(TestObjects.deployment(NS, "app", 1, image)).editSpec().editTemplate()
          .editSpec().withServiceAccountName("puller").endSpec().endTemplate().endSpec().build()).create();
      startEnforcing();

      await().atMost(SETTLE).untilAsserted(() -> {
        assertThat(image(deployment(client, "app").orElseThrow())).isEqualTo(image + "@" + digest);
        assertThat(EnforceFixtures.action(client, "default", "PinImage", "app").state()).isEqualTo("Done");
      });
      assertThat(harness.policy("default").getStatus().toString()).doesNotContain("s3cret", auth);
    }
  }
}
