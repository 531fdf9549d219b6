package dev.haguard.snapshot;

import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {

  @Test
  void groupsPodsUnderTheirTopLevelOwner() {
    Deployment web = deployment("shop", "web", 2, "nginx:1.25");
    ReplicaSet rs = replicaSetOf(web);
    // Pods may come before their owners, as they do in a file.
    ClusterSnapshot snapshot = ClusterSnapshot.builder()
        .addAll(java.util.List.of(podOf(rs, 0, "n1"), node("n1", "a"), web, rs, podOf(rs, 1, "n1")))
        .build();

    assertThat(snapshot.workloads()).singleElement().satisfies(w -> {
      assertThat(w.object()).isSameAs(web);
      assertThat(w.pods()).hasSize(2);
    });
  }

  @Test
  void ignoredOwnerTakesItsReplicaSetsAndPodsWithIt() {
    Deployment ignored = new DeploymentBuilder(deployment("shop", "legacy", 1, "app:latest"))
        .editMetadata().addToAnnotations(ClusterSnapshot.IGNORE_ANNOTATION, "true").endMetadata().build();
    ReplicaSet rs = replicaSetOf(ignored);
    Pod pod = podOf(rs, 0, "n1");

    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(java.util.List.of(pod, rs, ignored)).build();

    assertThat(snapshot.deployments()).isEmpty();
    assertThat(snapshot.replicaSets()).isEmpty();
    assertThat(snapshot.pods()).isEmpty();
    assertThat(snapshot.workloads()).isEmpty();
  }

  @Test
  void ownerMissingFromTheSnapshotStillNamesTheWorkload() {
    ReplicaSet rs = replicaSetOf(deployment("shop", "web", 1, "nginx:1.25"));

    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(java.util.List.of(podOf(rs, 0, "n1"))).build();

    assertThat(snapshot.workloads()).singleElement().satisfies(w -> {
      assertThat(w.object()).isNull();
      assertThat(w.ref().kind()).isEqualTo("ReplicaSet");
      assertThat(w.pods()).hasSize(1);
    });
  }
}
