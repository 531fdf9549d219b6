package dev.haguard.snapshot.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13's input cases, read from files shaped as users make them (src/test/resources/snapshots). */
class SnapshotCasesTest {
  private static final String ZONE = "topology.kubernetes.io/zone";

  @TempDir Path dir;

  private static ClusterSnapshot read(String... paths) throws SnapshotInputException {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(paths), builder);
    return builder.build();
  }

  private static String snapshot(String file) {
    return ProjectFiles.path("src/test/resources/snapshots/" + file).toString();
  }

  private static Pod pod(ClusterSnapshot snapshot, String name) {
    return snapshot.pods().stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static Node node(ClusterSnapshot snapshot, String name) {
    return snapshot.node(name).orElseThrow();
  }

  @Test
  void case1ScalarAliasesAreTheirValuesNotTheAnchorNames() throws Exception {
    ClusterSnapshot snapshot = read(snapshot("handwritten-anchors/objects.yaml"));

    assertThat(pod(snapshot, "web-2").getSpec().getContainers()).extracting(Container::getImage)
        .containsExactly("nginx:1.25.4", "envoyproxy/envoy:v1.29.1");
    assertThat(node(snapshot, "worker-b2").getMetadata().getLabels()).containsEntry(ZONE, "eu-west-1b");
    assertThat(snapshot.deployments().get(0).getSpec().getSelector().getMatchLabels())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("app", "web", "tier", "frontend"));
  }

  @Test
  void case1MergeKeysAreAppliedWithExplicitKeysWinning() throws Exception {
    ClusterSnapshot snapshot = read(snapshot("handwritten-anchors/objects.yaml"));

    Pod web1 = pod(snapshot, "web-1");
    assertThat(web1.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(web1.getMetadata().getLabels()).containsEntry("app", "web");
    Pod web2 = pod(snapshot, "web-2");
    assertThat(web2.getMetadata().getNamespace()).isEqualTo("shop"); // the first merged mapping wins
    assertThat(web2.getMetadata().getAnnotations()).containsEntry("team", "shop");
  }

  @Test
  void case1PyYamlAnchorsAcrossListItemsAreResolved() throws Exception {
    ClusterSnapshot snapshot = read(snapshot("pyyaml-anchors/objects.yaml"));

    assertThat(snapshot.nodes()).hasSize(3)
        .allSatisfy(n -> assertThat(n.getSpec().getTaints()).singleElement()
            .satisfies(t -> assertThat(t.getEffect()).isEqualTo("NoSchedule")));
    assertThat(snapshot.pods()).hasSize(9);
    assertThat(snapshot.pods()).filteredOn(p -> p.getMetadata().getNamespace().equals("kube-system"))
        .hasSize(6)
        .allSatisfy(p -> assertThat(p.getSpec().getTolerations()).singleElement()
            .satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists")));
    assertThat(snapshot.deployments().get(0).getSpec().getSelector().getMatchLabels()).containsEntry("app", "web");
    assertThat(snapshot.pods()).filteredOn(p -> p.getMetadata().getNamespace().equals("shop"))
        .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.25.4"));
  }

  @Test
  void kubectlListReadsTheSameAsYamlAndAsJson() throws Exception {
    ClusterSnapshot yaml = read(snapshot("kubectl-list/objects.yaml"));
    ClusterSnapshot json = read(snapshot("kubectl-list-json/objects.json"));

    assertThat(yaml.nodes()).hasSize(2).isEqualTo(json.nodes());
    assertThat(yaml.pods()).hasSize(2).isEqualTo(json.pods());
    assertThat(yaml.deployments()).hasSize(1).isEqualTo(json.deployments());
    assertThat(yaml.replicaSets()).hasSize(1).isEqualTo(json.replicaSets());
  }

  @Test
  void case2AYamlListLargerThanSnakeYamlsDefaultDocumentLimitIsRead() throws Exception {
    Path file = dir.resolve("pods.yaml");
    int pods = 20_000; // kubectl get pods -A -o yaml of a mid-size cluster
    try (var out = Files.newBufferedWriter(file)) {
      out.write("apiVersion: v1\nitems:\n");
      for (int i = 0; i < pods; i++) {
        out.write(String.format("""
            - apiVersion: v1
              kind: Pod
              metadata:
                labels: {app: web-%1$d, pod-template-hash: 6d4b5f7c9}
                name: web-%1$d-6d4b5f7c9-x2k8q
                namespace: shop
                resourceVersion: "%1$d"
                uid: 0f9c2a1e-1111-4e5b-9a53-%1$012d
              spec:
                containers:
                - image: registry.example.com/shop/web:1.4.%1$d
                  name: web
                nodeName: worker-%2$d
              status:
                phase: Running
                podIP: 10.%3$d.%4$d.%5$d
            """, i, i % 300, i / 65536, i / 256 % 256, i % 256));
      }
      out.write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }
    assertThat(Files.size(file)).isGreaterThan(3_145_728); // the old limit, in code points (ASCII here)

    assertThat(read(file.toString()).pods()).hasSize(pods);
  }

  @Test
  void case3ALongScalarIsRead() throws Exception {
    String value = "x".repeat(8 << 20);
    Path file = Files.writeString(dir.resolve("long.yaml"),
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  annotations:\n    big: " + value + "\n");

    assertThat(node(read(file.toString()), "n1").getMetadata().getAnnotations().get("big")).hasSize(value.length());
  }

  @Test
  void case5TheSameObjectTwiceCountsOnceAndTheNewerResourceVersionWins() throws Exception {
    String dump = snapshot("pyyaml-anchors/objects.yaml");
    Path newer = Files.writeString(dir.resolve("newer.yaml"), """
        apiVersion: v1
        kind: Node
        metadata:
          name: cp-1
          uid: uid-node-cp-1
          resourceVersion: "900"
          labels: {topology.kubernetes.io/zone: eu-west-1c}
        """);
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(newer.toString(), dump, dump), builder);
    ClusterSnapshot snapshot = builder.build();

    assertThat(snapshot.nodes()).hasSize(3);
    assertThat(snapshot.pods()).hasSize(9);
    assertThat(node(snapshot, "cp-1").getMetadata().getLabels()).containsEntry(ZONE, "eu-west-1c");
    assertThat(builder.duplicatesMerged()).isEqualTo(1 + 14); // cp-1 of the first dump, all 14 objects of the second
  }

  @Test
  void objectsWithoutUidAreTheSameByKindNamespaceAndName() throws Exception {
    String objects = snapshot("handwritten-anchors/objects.yaml");
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(objects, objects), builder);

    assertThat(builder.build().nodes()).extracting(HasMetadata::getMetadata).hasSize(3);
  }
}
