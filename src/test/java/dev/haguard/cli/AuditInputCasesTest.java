package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.support.ProjectFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13's input cases through the command line: exit codes and the one line on stderr. */
class AuditInputCasesTest {
  private static final String DUMP = ProjectFiles.path("src/test/resources/snapshots/pyyaml-anchors/objects.yaml").toString();

  @TempDir Path dir;

  private static AuditRun audit(String... args) {
    return AuditRun.of(RuleCatalogue.all(), host -> List.of(), args);
  }

  private static void assertBadInput(AuditRun run, String expected) {
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().isEqualTo("haguard audit: " + expected);
  }

  @Test
  void case4ADuplicateYamlKeyNamesFileLineAndKey() throws Exception {
    Path file = Files.writeString(dir.resolve("dup.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: default}\nkind: Secret\n");

    assertBadInput(audit("-f", file.toString()), file + ": line 4, column 1: duplicate key \"kind\"");
  }

  @Test
  void case4ADuplicateJsonKeyNamesFileLineAndKey() throws Exception {
    Path file = Files.writeString(dir.resolve("dup.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": \"x\"}, \"kind\": \"Secret\"}\n");

    AuditRun run = audit("-f", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("haguard audit: " + file + ": line 2, column ").contains("Duplicate field 'kind'");
  }

  @Test
  void case5TheSameDumpTwiceGivesTheSameReportAsOnceAndSaysSo() {
    AuditRun once = audit("-f", DUMP, "-o", "json", "--fail-on", "none");
    AuditRun twice = audit("-f", DUMP, "-f", DUMP, "-o", "json", "--fail-on", "none");

    assertThat(once.err()).isEmpty();
    assertThat(twice.exit()).isEqualTo(once.exit()).isZero();
    assertThat(withoutTimes(twice.out())).isEqualTo(withoutTimes(once.out()));
    assertThat(twice.errLines()).singleElement().asString().startsWith("haguard audit: 14 repeated objects merged");
  }

  /**
   * Two dumps of one cluster minutes apart: between them the kubelet recreated etcd-cp-1's mirror
   * pod and the StatefulSet its pod orders-db-0 (the same names, new uids, newer resourceVersions),
   * and node cp-1 of the first was hand-edited without its uid. Each object counts once, the newer
   * kept: the report is the newer dump's (with a pod counted twice, etcd had five members of four).
   */
  @Test
  void case5AnObjectRecreatedBetweenTwoDumpsCountsOnce() throws Exception {
    Path older = dump("older.yaml", "100", Set.of(), Set.of("cp-1"));
    Path newer = dump("newer.yaml", "200", Set.of("etcd-cp-1", "orders-db-0"), Set.of());

    AuditRun both = audit("-f", older.toString(), "-f", newer.toString(), "-o", "json", "--fail-on", "none");
    AuditRun newerAlone = audit("-f", newer.toString(), "-o", "json", "--fail-on", "none");

    assertThat(withoutTimes(both.out())).isEqualTo(withoutTimes(newerAlone.out())).contains("\"members\" : 4,");
    assertThat(both.errLines()).singleElement()
        .isEqualTo("haguard audit: 34 repeated objects merged (the same kind/namespace/name; the newer resourceVersion kept)");
  }

  /** The example cluster at {@code resourceVersion}, the objects named {@code recreated} with new uids, {@code withoutUid} with none. */
  private Path dump(String name, String resourceVersion, Set<String> recreated, Set<String> withoutUid) throws Exception {
    JsonNode list = new YAMLMapper().readTree(ProjectFiles.path("examples/demo-cluster.yaml").toFile());
    for (JsonNode item : list.get("items")) {
      ObjectNode metadata = (ObjectNode) item.get("metadata");
      String object = metadata.get("name").asText();
      metadata.put("resourceVersion", resourceVersion);
      if (recreated.contains(object)) {
        metadata.put("uid", metadata.get("uid").asText() + "-recreated");
      }
      if (withoutUid.contains(object)) {
        metadata.remove("uid");
      }
    }
    return Files.writeString(dir.resolve(name), new YAMLMapper().writeValueAsString(list));
  }

  private static String withoutTimes(String json) {
    return json.replaceAll("\"(lastTransitionTime|lastAnalysisTime|time)\" : \"[^\"]*\"", "");
  }

  @Test
  void case11AnEmptyFileAFileOfCommentsAndItemsHelloFailClosed() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
    Path comments = Files.writeString(dir.resolve("comments.yaml"), "# kubectl get pods -A -o yaml > here\n---\n");
    Path hello = Files.writeString(dir.resolve("hello.yaml"), "apiVersion: v1\nkind: List\nitems: hello\n");

    assertBadInput(audit("-f", empty.toString()), empty + ": no Kubernetes objects that haguard reads in " + empty);
    assertBadInput(audit("-f", comments.toString()),
        comments + ": no Kubernetes objects that haguard reads in " + comments);
    assertBadInput(audit("-f", hello.toString()), hello + ": line 1, document 1: items is not a list");
  }

  @Test
  void case11ADirectoryOfClusterPoliciesFailsClosed() throws Exception {
    Path samples = Files.createDirectories(dir.resolve("samples"));
    Files.copy(ProjectFiles.path("config/samples/haguard.dev_v1alpha1_clusterpolicy.yaml"), samples.resolve("policy.yaml"));

    assertBadInput(audit("-f", samples.toString(), "--fail-on", "info"),
        samples + ": no Kubernetes objects that haguard reads in " + samples);
  }

  @Test
  void case11EmptyStdinFailsClosed() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(new byte[0]));
      assertBadInput(audit("-f", "-"), "-: no Kubernetes objects that haguard reads in -");
    } finally {
      System.setIn(stdin);
    }
  }

  /** The second -f - read a closed stream: "<stdin>: cannot read: Stream closed". */
  @Test
  void standardInputGivenTwiceIsAUsageError() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(Files.newInputStream(Path.of(DUMP)));
      AuditRun run = audit("-f", "-", "-f", DUMP, "-f", "-");

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.errLines()).singleElement().isEqualTo(
          "haguard: standard input is given twice (-f -): only one -f - is allowed (see haguard audit --help)");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void case11NegativeOrFractionalReplicasNameTheObjectAndField() throws Exception {
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: %s\n";
    Path negative = Files.writeString(dir.resolve("negative.yaml"), deployment.formatted("-2"));
    Path fractional = Files.writeString(dir.resolve("fractional.yaml"), deployment.formatted("2.5"));

    assertBadInput(audit("-f", negative.toString()),
        negative + ": line 1, document 1: Deployment web: spec.replicas = -2 is negative");
    AuditRun run = audit("-f", fractional.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("haguard audit: " + fractional + ": line 1, document 1: Deployment web cannot be read: spec.replicas: ");
  }

  /** An empty string where the API has an integer failed inside Jackson's number parser: exit 3. */
  @Test
  void anEmptyStringCountNamesTheObjectAndField() throws Exception {
    Path replicaSet = Files.writeString(dir.resolve("rs.yaml"), """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web-5b8c6d7f9, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
        status:
          replicas: 2
          availableReplicas: ""
        """);
    Path node = Files.writeString(dir.resolve("node.json"), """
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"},
         "status": {"daemonEndpoints": {"kubeletEndpoint": {"Port": ""}}}}
        """);

    assertBadInput(audit("-f", replicaSet.toString()), replicaSet + ": line 1, document 1: ReplicaSet web-5b8c6d7f9 cannot be read:"
        + " status.availableReplicas: Cannot deserialize value of type `java.lang.Integer` from String \"\":"
        + " not a valid `java.lang.Integer` value");
    assertBadInput(audit("-f", node.toString()), node + ": line 1, document 1: Node n1 cannot be read:"
        + " status.daemonEndpoints.kubeletEndpoint.Port: Cannot deserialize value of type `java.lang.Integer` from String \"\":"
        + " not a valid `java.lang.Integer` value");
  }

  /**
   * A condition's status unquoted in hand-edited YAML is a YAML 1.2 boolean, and JSON may say true:
   * the API server refuses both. Taken as the string "true", the pod or node was not Ready and the
   * report had criticals that were not there.
   */
  @Test
  void aBooleanWhereTheApiHasAStringNamesTheField() throws Exception {
    Path pod = Files.writeString(dir.resolve("pod.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata: {name: etcd-cp-1, namespace: kube-system, labels: {component: etcd}}
        spec:
          nodeName: cp-1
          containers: [{name: etcd, image: "registry.k8s.io/etcd:3.5.15-0"}]
        status:
          phase: Running
          conditions:
          - type: Ready
            status: True
        """);
    Path node = Files.writeString(dir.resolve("node.json"), """
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "cp-1", "labels": {"topology.kubernetes.io/zone": 1}},
         "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
        """);

    assertBadInput(audit("-f", pod.toString()), pod + ": line 1, document 1: Pod etcd-cp-1 cannot be read:"
        + " status.conditions[0].status: Cannot coerce Boolean value (true) to `java.lang.String` value");
    assertBadInput(audit("-f", node.toString()), node + ": line 1, document 1: Node cp-1 cannot be read:"
        + " metadata.labels.topology.kubernetes.io/zone: Cannot coerce Integer value (1) to `java.lang.String` value");
  }

  /** Fields the API requires and the analysis reads, left out of a hand-edited file: the analysis failed on them (exit 3). */
  @Test
  void aRequiredFieldMissingNamesTheObjectAndField() throws Exception {
    Path storageClass = Files.writeString(dir.resolve("sc.yaml"), """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: gp3}
        parameters: {type: gp3}
        volumeBindingMode: WaitForFirstConsumer
        """);
    Path node = Files.writeString(dir.resolve("node.yaml"), """
        apiVersion: v1
        kind: Node
        metadata: {name: cp-1, labels: {topology.kubernetes.io/zone: eu-west-1a}}
        status:
          addresses:
          - type: InternalIP
            address: 10.0.1.10
          - address: cp-1
        """);
    Path volume = Files.writeString(dir.resolve("pv.yaml"), """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pvc-5e0c3a1d}
        spec:
          nodeAffinity:
            required:
              nodeSelectorTerms:
              - matchExpressions:
                - operator: In
                  values: [eu-west-1a]
        """);

    String missing = ": missing (or null), and the API requires it";
    assertBadInput(audit("-f", storageClass.toString()),
        storageClass + ": line 1, document 1: StorageClass gp3 cannot be read: provisioner" + missing);
    assertBadInput(audit("-f", node.toString()),
        node + ": line 1, document 1: Node cp-1 cannot be read: status.addresses[1].type" + missing);
    assertBadInput(audit("-f", volume.toString()), volume + ": line 1, document 1: PersistentVolume pvc-5e0c3a1d cannot be read:"
        + " spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key" + missing);
  }

  /**
   * A dump of a 1.20 cluster: its PodDisruptionBudgets in policy/v1beta1, a Deployment from an old
   * manifest in extensions/v1beta1. They are not read (their fields mean other things there), and
   * stderr says so once, by version; a custom resource named Job, of another group, is no such object.
   */
  @Test
  void objectsOfVersionsNotReadAreCountedOnStderrOnce() throws Exception {
    Path dump = Files.writeString(dir.resolve("old.yaml"), """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Node
          metadata: {name: n1, labels: {topology.kubernetes.io/zone: a}}
        - apiVersion: policy/v1beta1
          kind: PodDisruptionBudget
          metadata: {name: web, namespace: shop}
          spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
        - apiVersion: policy/v1beta1
          kind: PodDisruptionBudget
          metadata: {name: db, namespace: shop}
          spec: {minAvailable: 1, selector: {matchLabels: {app: db}}}
        - apiVersion: extensions/v1beta1
          kind: Deployment
          metadata: {name: web, namespace: shop}
          spec: {replicas: 2, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "nginx:1.19"}]}}}
        - apiVersion: batch.volcano.sh/v1alpha1
          kind: Job
          metadata: {name: train, namespace: ml}
        """);
    Path onlyOld = Files.writeString(dir.resolve("pdbs.yaml"), """
        apiVersion: policy/v1beta1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: shop}
        spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
        """);

    AuditRun run = audit("-f", dump.toString(), "--fail-on", "none");

    assertThat(run.exit()).isZero();
    assertThat(run.errLines()).containsExactly("haguard audit: 3 objects skipped, of versions haguard does not read:"
        + " extensions/v1beta1 Deployment (1; it reads apps/v1), policy/v1beta1 PodDisruptionBudget (2; it reads policy/v1)");
    assertBadInput(audit("-f", onlyOld.toString()), onlyOld + ": no Kubernetes objects that haguard reads in " + onlyOld
        + "; 1 object skipped, of versions haguard does not read: policy/v1beta1 PodDisruptionBudget (1; it reads policy/v1)");
  }

  @Test
  void anObjectTheAnalysisReadsIsEnough() throws Exception {
    Path node = Files.writeString(dir.resolve("node.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n");

    assertThat(audit("-f", node.toString(), "--fail-on", "none").exit()).isZero();
  }

  @Test
  void anInternalFailureIsExitThreeWithOneLine() throws Exception {
    Path node = Files.writeString(dir.resolve("node.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n");
    AuditRun run = AuditRun.of(List.of((context, findings) -> {
      throw new IllegalStateException("a bug");
    }), host -> List.of(), "-f", node.toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.errLines()).singleElement().isEqualTo("haguard: internal failure: IllegalStateException: a bug");
  }

  @Test
  void runningOutOfMemoryIsExitThreeNeverTheFindingsCode() throws Exception {
    Path node = Files.writeString(dir.resolve("node.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n");
    AuditRun run = AuditRun.of(List.of((context, findings) -> {
      throw new OutOfMemoryError("Java heap space");
    }), host -> List.of(), "-f", node.toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.errLines()).singleElement().asString().startsWith("haguard: out of memory (Java heap space)");
  }
}
