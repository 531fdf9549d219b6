package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.Haguard;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code haguard demo --mode Enforce}: the bare pod is handed off to a Deployment and the images are pinned. */
@EmbeddedTier
class DemoEnforceTest {
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  @TempDir Path dir;

  @Test
  void enforceReplacesTheBarePodAndPinsImages() throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      objects.add(TestObjects.controlPlaneNode("cp-" + i, "zone-" + (char) ('a' + i)));
      objects.add(TestObjects.node("worker-" + i, "zone-" + (char) ('a' + i)));
      objects.add(TestObjects.etcdPod("cp-" + i));
      objects.add(TestObjects.apiServerPod("cp-" + i, "10.0.0.1" + i));
    }
    objects.add(TestObjects.pod("shop", "web", "worker-0", "nginx:latest"));
    objects.add(TestObjects.deployment("shop", "api", 2, "redis"));
    Path cluster = dir.resolve("cluster.yaml");
    Files.writeString(cluster, serialization.asYaml(new KubernetesListBuilder().withItems(objects).build()));
    Path dump = dir.resolve("dump.yaml");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Haguard.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));

    int exit = cl.execute("demo", "--timeout", "60", "-f", cluster.toString(), "-o", "yaml", "--mode", "Enforce",
        "--dump", dump.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString()).contains("plays the Deployment controller");
    ClusterPolicy policy = serialization.unmarshal(out.toString(), ClusterPolicy.class);
    assertThat(policy.getStatus().actions()).extracting(Action::type, a -> a.object().name(), Action::state)
        .contains(org.assertj.core.groups.Tuple.tuple("RewriteBarePod", "web", "Done"),
            org.assertj.core.groups.Tuple.tuple("PinImage", "api", "Done"));
    KubernetesList all = serialization.unmarshal(Files.readString(dump), KubernetesList.class);
    assertThat(all.getItems()).filteredOn(Pod.class::isInstance)
        .noneMatch(p -> p.getMetadata().getName().equals("web"));
    List<Deployment> deployments = all.getItems().stream().filter(Deployment.class::isInstance)
        .map(Deployment.class::cast).toList();
    assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("api", "web");
    assertThat(deployments).allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getImage()).matches(".*@sha256:[0-9a-f]{64}"));
  }
}
