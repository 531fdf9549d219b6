package dev.haguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.image.ImageReference;
import dev.haguard.operator.OperatorSettings;
import dev.haguard.registry.DigestLookup;
import dev.haguard.registry.RegistrySettings;
import dev.haguard.registry.RegistrySetupException;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Enforce demo never leaves the machine. Its operator is handed a registry factory that records
 * and refuses every client it is asked for (as production's HTTP client would have been opened) and
 * a resolver that records every name outside the demo's hosts file: neither is asked, and the image
 * only a registry can pin (the CronJob's: no pod runs it) carries the simulated digest.
 */
@EmbeddedTier
class DemoStaysOnTheMachineTest {

  @Test
  void theEnforceDemoAsksNoRegistryAndNoDnsAndPinsWithSimulatedDigests() throws Exception {
    List<RegistrySettings> registryClientsOpened = new CopyOnWriteArrayList<>();
    List<String> namesOutsideHostsFile = new CopyOnWriteArrayList<>();
    HostsFile hosts = HostsFile.read(ProjectFiles.path("examples/hosts"));
    HostResolver resolver = host -> {
      try {
        return hosts.resolve(host);
      } catch (UnknownHostException e) {
        namesOutsideHostsFile.add(host);
        throw e;
      }
    };
    OperatorSettings settings = OperatorSettings.defaults().withoutHttp().withResolver(resolver)
        .withRegistries(registrySettings -> {
          registryClientsOpened.add(registrySettings);
          throw new RegistrySetupException("the demo must not open a registry client");
        });

    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      List<HasMetadata> objects;
      try (InputStream in = Files.newInputStream(ProjectFiles.path("examples/demo-cluster.yaml"))) {
        objects = cluster.client().load(in).items();
      }
      DemoRun.Result result = DemoRun.run(cluster, objects, enforcePolicy(), settings, Duration.ofSeconds(90), true);

      assertThat(result.settled()).isTrue();
      assertThat(registryClientsOpened).isEmpty();
      assertThat(namesOutsideHostsFile).isEmpty();
      ClusterPolicyStatus status = result.policy().getStatus();
      assertThat(status.actions()).extracting(Action::state).isNotEmpty().containsOnly("Done");
      assertThat(status.findings()).extracting(Finding::rule)
          .doesNotContain(RuleId.IMAGE_DIGEST_UNRESOLVED.id());
      String report = "registry.example.com/shop/report:latest";
      CronJob cronJob = cluster.client().batch().v1().cronjobs().inNamespace("shop").withName("nightly-report").get();
      assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo(report + "@" + SimulatedRegistry.digestOf(report));
    }
  }

  @Test
  void simulatedDigestsAreTheOnesTheDemoKubeletRunsAndPinnedImagesKeepTheirs() throws Exception {
    String tagged = "registry.local:5000/shop/cart";
    String pinned = "nginx:1.27@sha256:" + "a".repeat(64);
    try (DigestLookup registry = SimulatedRegistry.open(RegistrySettings.builder().build())) {
      assertThat(registry.resolve(ImageReference.parse(tagged)).get().digest())
          .isEqualTo(ImageReference.digestOfImageId(SimulatedControllers.imageId(tagged)).orElseThrow());
      assertThat(registry.resolve(ImageReference.parse(pinned)).get().digest()).isEqualTo("sha256:" + "a".repeat(64));
    }
  }

  private static ClusterPolicy enforcePolicy() {
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("default").build());
    policy.setRawSpec(JsonNodeFactory.instance.objectNode().put("mode", "Enforce"));
    return policy;
  }
}
