package dev.haguard.snapshot.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.SyntheticCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
  @TempDir Path dir;

  private static ClusterSnapshot read(Path... paths) throws SnapshotInputException {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(Arrays.stream(paths).map(Path::toString).toList(), builder);
    return SnapshotSources.build(builder, host -> List.of("10.0.0.1"));
  }

  @Test
  void streamedJsonListReadsBackExactlyTheObjectsWritten() throws Exception {
    List<HasMetadata> written = new ArrayList<>();
    SyntheticCluster.withPods(300).forEach(written::add);
    Path file = dir.resolve("cluster.json");
    SyntheticCluster.writeJsonList(written::forEach, file);

    ClusterSnapshot.Builder whole = ClusterSnapshot.builder();
    SnapshotFiles.readWhole(List.of(file.toString()), (o, f, line) -> whole.add(o));
    ClusterSnapshot snapshot = SnapshotSources.build(whole, host -> List.of("10.0.0.1"));

    ClusterSnapshot expected = ClusterSnapshot.builder().addAll(written).build();
    assertThat(snapshot.pods()).isEqualTo(expected.pods());
    assertThat(snapshot.nodes()).isEqualTo(expected.nodes());
    assertThat(snapshot.deployments()).isEqualTo(expected.deployments());
    assertThat(snapshot.replicaSets()).isEqualTo(expected.replicaSets());
    assertThat(snapshot.statefulSets()).isEqualTo(expected.statefulSets());
    assertThat(snapshot.persistentVolumes()).isEqualTo(expected.persistentVolumes()).isNotEmpty();
    assertThat(snapshot.persistentVolumeClaims()).isEqualTo(expected.persistentVolumeClaims());
    assertThat(snapshot.clusterInfo()).isEqualTo(expected.clusterInfo());
    assertThat(snapshot.apiEndpoint()).hasValueSatisfying(e -> assertThat(e.addresses()).containsExactly("10.0.0.1"));
  }

  @Test
  void theSnapshotKeepsTheReadSetsFieldsOfEachObjectAndTheWholeReaderAll() throws Exception {
    Path file = Files.writeString(dir.resolve("pod.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          annotations: {kubectl.kubernetes.io/last-applied-configuration: '{}', team: a}
          managedFields: [{manager: kubectl, operation: Update}]
        spec:
          nodeName: w1
          containers: [{name: app, image: nginx:1.27, env: [{name: A, value: "1"}], resources: {requests: {cpu: 250m}}}]
        status:
          podIP: 10.244.1.5
          podIPs: [{ip: 10.244.1.5}, {ip: "fd00:10:244:1::5"}]
        """);

    Pod kept = read(file).pods().get(0);
    List<HasMetadata> whole = new ArrayList<>();
    SnapshotFiles.readWhole(List.of(file.toString()), (o, f, line) -> whole.add(o));

    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations()).containsOnlyKeys("team");
    assertThat(kept.getSpec().getNodeName()).isEqualTo("w1");
    assertThat(kept.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
    assertThat(kept.getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
    assertThat(kept.getSpec().getContainers().get(0).getResources().getRequests()).containsOnlyKeys("cpu");
    assertThat(kept.getStatus().getPodIPs()).extracting(ip -> ip.getIp()).containsExactly("10.244.1.5", "fd00:10:244:1::5");
    Pod read = (Pod) whole.get(0);
    assertThat(read.getMetadata().getManagedFields()).hasSize(1);
    assertThat(read.getSpec().getContainers().get(0).getEnv()).hasSize(1);
  }

  @Test
  void mixedDirectoryLoadsReadKindsAndIgnoresTheRest() throws Exception {
    Path nested = Files.createDirectories(dir.resolve("b/nested"));
    SyntheticCluster.withPods(20).writeJsonList(dir.resolve("a-list.json"));
    Files.writeString(nested.resolve("docs.yaml"), """
        apiVersion: v1
        kind: Node
        metadata: {name: extra-node, labels: {topology.kubernetes.io/zone: eu-west-1b}}
        ---
        # a custom resource and a Secret: not read
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec: {items: [1, 2, {deep: [true]}]}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: default}
        data: {password: cGFzcw==}
        ---
        metadata: {name: kind-last, namespace: default}
        spec:
          containers: [{name: app, image: nginx}]
        kind: Pod
        apiVersion: v1
        ---
        """);
    Files.writeString(dir.resolve("b/single.yml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {replicas: 2}
        """);
    Files.writeString(dir.resolve("b/notes.txt"), "not a snapshot file: skipped in a directory");

    ClusterSnapshot snapshot = read(dir);

    ClusterSnapshot generated = SyntheticCluster.withPods(20).snapshot();
    assertThat(snapshot.nodes()).hasSize(generated.nodes().size() + 1);
    assertThat(snapshot.pods()).hasSize(generated.pods().size() + 1)
        .anySatisfy(p -> assertThat(p.getMetadata().getName()).isEqualTo("kind-last"));
    assertThat(snapshot.deployments()).hasSize(generated.deployments().size() + 1);
    assertThat(snapshot.replicaSets()).hasSize(generated.replicaSets().size());
  }

  @Test
  void concatenatedJsonDocumentsAndTopLevelArraysAreRead() throws Exception {
    Path file = dir.resolve("pods.json");
    Files.writeString(file, """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x"}}
        [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "x"}},
         {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "x"}}]
        {"kind": "PodList", "apiVersion": "v1", "items": [
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c", "namespace": "x"}}]}
        """);

    assertThat(read(file).pods()).extracting(Pod::getMetadata).extracting(m -> m.getName())
        .containsExactly("a", "b", "c");
  }

  /** {@code jq -s . nodes.json pods.json}: an array of the Lists kubectl printed, their fields sorted as it sorts them. */
  @Test
  void anArrayOfListsIsReadItemByItem() throws Exception {
    Path file = Files.writeString(dir.resolve("slurped.json"), """
        [
          {
            "apiVersion": "v1",
            "items": [
              {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "cp-1", "uid": "u1"}}
            ],
            "kind": "List",
            "metadata": {"resourceVersion": ""}
          },
          {
            "apiVersion": "v1",
            "items": [
              {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x"}},
              {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "x"}}
            ],
            "kind": "List",
            "metadata": {"resourceVersion": ""}
          }
        ]
        """);

    ClusterSnapshot snapshot = read(file);

    assertThat(snapshot.nodes()).extracting(n -> n.getMetadata().getName()).containsExactly("cp-1");
    assertThat(snapshot.pods()).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b");
  }

  /** A List whose items are Lists (two dumps wrapped in one), in YAML and JSON; an error names the item of the item. */
  @Test
  void aListInsideAListIsReadItemByItemAndItsErrorsNameBothItems() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Node
          metadata: {name: cp-1}
        - apiVersion: v1
          kind: List
          items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: x}
          - apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: b, namespace: x}
        """;
    Path asYaml = Files.writeString(dir.resolve("nested.yaml"), yaml);
    Path asJson = Files.writeString(dir.resolve("nested.json"),
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml)));

    for (Path file : List.of(asYaml, asJson)) {
      ClusterSnapshot snapshot = read(file);
      assertThat(snapshot.nodes()).as(file.toString()).hasSize(1);
      assertThat(snapshot.pods()).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b");
    }
    Path broken = Files.writeString(dir.resolve("broken.yaml"), yaml.replace("name: b,", "name: b, uid: [1],"));
    assertThatThrownBy(() -> read(broken)).isInstanceOfSatisfying(SnapshotInputException.class,
        e -> assertThat(e.location()).isEqualTo("line 16, document 1, item 2.2.1"));
  }

  /** An empty item ({@code - } alone, or {@code null}) was skipped in YAML and refused in JSON; a List holds objects. */
  @Test
  void aNullListItemIsNotAKubernetesObjectInYamlAsInJson() throws Exception {
    Path yaml = Files.writeString(dir.resolve("list.yaml"), "apiVersion: v1\nkind: List\nitems:\n-\n- " + NODE.formatted("n1").replace("\n", "\n  "));
    Path json = Files.writeString(dir.resolve("list.json"), "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [null]}");

    for (Path file : List.of(yaml, json)) {
      assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(SnapshotInputException.class, e -> {
        assertThat(e.location()).isEqualTo(file == yaml ? "line 4, document 1, item 1" : "line 1, document 1, item 1");
        assertThat(e.problem()).isEqualTo("not a Kubernetes object (it needs apiVersion and kind)");
      });
    }
  }

  /** An empty apiVersion or kind was skipped as a kind not read (exit 0, objects dropped) where a null one is refused. */
  @Test
  void anEmptyApiVersionOrKindIsNotAKubernetesObject() throws Exception {
    for (String object : List.of("apiVersion: \"\"\nkind: Node\nmetadata: {name: n1}\n",
        "apiVersion: v1\nkind: ''\nmetadata: {name: n1}\n")) {
      Path yaml = Files.writeString(dir.resolve("empty.yaml"), NODE.formatted("n0") + "---\n" + object);
      Path json = Files.writeString(dir.resolve("empty.json"), new com.fasterxml.jackson.databind.ObjectMapper()
          .writeValueAsString(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(object)));
      for (Path file : List.of(yaml, json)) {
        assertThatThrownBy(() -> read(file)).as(object).isInstanceOfSatisfying(SnapshotInputException.class,
            e -> assertThat(e.problem()).isEqualTo("not a Kubernetes object (it needs apiVersion and kind)"));
      }
    }
  }

  /** PowerShell's {@code kubectl get ... > dump.yaml} writes UTF-16: said so, not only "not valid UTF-8". */
  @Test
  void utf16YamlIsRefusedSayingSoAndUtf16JsonIsRead() throws Exception {
    String node = NODE.formatted("n1");
    Path withBom = Files.write(dir.resolve("bom.yaml"), ("\uFEFF" + node).getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    Path withoutBom = Files.write(dir.resolve("nobom.yaml"), node.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

    assertThatThrownBy(() -> read(withBom)).hasMessageEndingWith(": not valid UTF-8 text: it looks like UTF-16"
        + " (it starts with a UTF-16 byte order mark); convert it, e.g. iconv -f UTF-16 -t UTF-8");
    assertThatThrownBy(() -> read(withoutBom)).hasMessageEndingWith(": not valid UTF-8 text: it looks like UTF-16"
        + " (its first characters hold NUL bytes); convert it, e.g. iconv -f UTF-16 -t UTF-8");

    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(("\uFEFF{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"n\"}}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
      ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
      SnapshotFiles.read(List.of(SnapshotFiles.STDIN), builder);
      assertThat(builder.build().nodes()).hasSize(1);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void standardInputIsReadAndItsFormatRecognised() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(
          "  {\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"n\"}}".getBytes(UTF_8)));
      ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
      SnapshotFiles.read(List.of(SnapshotFiles.STDIN), builder);

      assertThat(builder.build().nodes()).hasSize(1);
    } finally {
      System.setIn(stdin);
    }
  }

  /** {@code -f <(kubectl get ...)} and {@code mkfifo}: the shell hands over a pipe, which has no size and cannot seek. */
  @Test
  void aNamedPipeIsReadInEitherFormat() throws Exception {
    for (String text : List.of("apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n",
        "{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"n1\"}}\n")) {
      Path fifo = dir.resolve("fifo-" + text.charAt(0));
      assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
      // A pipe's writer blocks until a reader opens it, as kubectl does behind <(...).
      Thread writer = new Thread(() -> {
        try {
          Files.writeString(fifo, text);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      writer.start();
      try {
        assertThat(read(fifo).nodes()).extracting(n -> n.getMetadata().getName()).containsExactly("n1");
      } finally {
        writer.join(10_000);
      }
    }
  }

  @Test
  void namesTheItemAndFieldThatCannotBind() throws IOException {
    Path file = dir.resolve("list.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: fine, namespace: x}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, namespace: x}
          spec:
            replicas: three
        """);

    assertThatThrownBy(() -> read(file))
        .isInstanceOfSatisfying(SnapshotInputException.class, e -> {
          assertThat(e.source()).isEqualTo(file.toString());
          assertThat(e.location()).isEqualTo("line 7, document 1, item 2");
          assertThat(e.problem()).startsWith("Deployment web cannot be read: spec.replicas:");
        });
  }

  private static final String NODE = "apiVersion: v1\nkind: Node\nmetadata: {name: %s}\n";

  @Test
  void aDirectoryGivenAsALinkAndLinksToDirectoriesInsideItAreFollowed() throws Exception {
    Path real = Files.createDirectories(dir.resolve("dumps/monday"));
    Files.writeString(real.resolve("nodes.yaml"), NODE.formatted("n1"));
    Path other = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(other.resolve("more.yaml"), NODE.formatted("n2"));
    Files.createSymbolicLink(real.resolve("more"), other);
    Path latest = Files.createSymbolicLink(dir.resolve("latest"), real);

    assertThat(read(latest).nodes()).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder("n1", "n2");
  }

  /** A ConfigMap mounted as a volume: each file a link through ..data to a timestamped directory. */
  @Test
  void aFileReachedByThreePathsIsReadOnceByTheShortest() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("snapshots"));
    Path version = Files.createDirectories(volume.resolve("..2026_12_06_10_00_00.123"));
    Files.writeString(version.resolve("cluster.yaml"), NODE.formatted("n1"));
    Files.createSymbolicLink(volume.resolve("..data"), version.getFileName());
    Files.createSymbolicLink(volume.resolve("cluster.yaml"), Path.of("..data/cluster.yaml"));

    assertThat(SnapshotFiles.expand(volume)).containsExactly(volume.resolve("cluster.yaml"));
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(volume.toString()), builder);
    assertThat(builder.duplicatesMerged()).isZero();
  }

  @Test
  void aLoopOfLinksIsBadInputNamingTheLink() throws Exception {
    Path loop = Files.createDirectories(dir.resolve("loop"));
    Files.writeString(loop.resolve("nodes.yaml"), NODE.formatted("n1"));
    Files.createSymbolicLink(loop.resolve("self"), Path.of("."));

    assertThatThrownBy(() -> read(loop)).isInstanceOfSatisfying(SnapshotInputException.class, e -> {
      assertThat(e.source()).isEqualTo(loop.resolve("self").toString());
      assertThat(e.problem()).isEqualTo("a loop of symbolic links (a link to a directory it is in)");
    });
  }

  /** Given with -f, a broken link is "no such file"; inside a directory it was skipped and its objects went unread. */
  @Test
  void aBrokenLinkToASnapshotFileInADirectoryIsBadInputNamingIt() throws Exception {
    Path dumps = Files.createDirectories(dir.resolve("dumps"));
    Files.writeString(dumps.resolve("nodes.yaml"), NODE.formatted("n1"));
    Files.createSymbolicLink(dumps.resolve("README"), dir.resolve("gone"));
    Path broken = Files.createSymbolicLink(dumps.resolve("pods.yaml"), dir.resolve("gone.yaml"));

    assertThatThrownBy(() -> read(dumps)).isInstanceOfSatisfying(SnapshotInputException.class, e -> {
      assertThat(e.source()).isEqualTo(broken.toString());
      assertThat(e.problem()).isEqualTo("a broken symbolic link (to " + dir.resolve("gone.yaml") + ")");
    });
  }

  @Test
  void aDirectoryWithoutSnapshotFilesIsBadInput() throws IOException {
    Files.writeString(dir.resolve("readme.md"), "nothing here");

    assertThatThrownBy(() -> read(dir)).isInstanceOf(SnapshotInputException.class)
        .hasMessageContaining("no *.yaml, *.yml or *.json files");
  }
}
