package dev.haguard.snapshot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.haguard.snapshot.ReadSet;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file reader binds Pods and their owners straight into their kept form ({@code
 * KeptFields.read}); each must equal the kept form trimmed from the same object bound whole
 * ({@code ReadSet.kept}), on objects as kubectl prints them with every field the kept form drops,
 * trims or turns into none (an affinity of pod affinity only, resources of limits only, volumes
 * that name no claim, a single pod IP, an empty overhead).
 */
class KeptFormReadingTest {
  private static final Path OBJECTS = ProjectFiles.path("src/test/resources/kept-form/objects.yaml");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"yaml", "json"})
  void readStraightIntoTheKeptFormEqualsTrimmingTheWholeObject(String format) throws Exception {
    Path file = format.equals("yaml") ? OBJECTS : asJson();
    List<HasMetadata> straight = kept(file);
    List<HasMetadata> trimmed = new ArrayList<>();
    SnapshotFiles.readWhole(List.of(file.toString()), (o, f, line) -> trimmed.add(ReadSet.kept(o)));

    assertThat(straight).hasSize(11).isEqualTo(trimmed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yaml", "json"})
  void whatTheKeptFormTurnsIntoNone(String format) throws Exception {
    List<HasMetadata> objects = keptObjects(format);
    Pod web = (Pod) objects.get(0);
    Pod dualStack = (Pod) objects.get(1);

    assertThat(web.getMetadata().getManagedFields()).isNull();
    assertThat(web.getMetadata().getAnnotations()).containsOnlyKeys("prometheus.io/scrape");
    // fabric8's default where the input has none, as its own binding gives
    assertThat(web.getMetadata().getOwnerReferences().get(0).getApiVersion()).isEqualTo("v1");
    assertThat(web.getSpec().getAffinity()).as("pod affinity only").isNull();
    assertThat(web.getSpec().getContainers().get(0).getResources()).as("limits only").isNull();
    assertThat(web.getSpec().getContainers().get(1).getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(web.getSpec().getContainers().get(0).getEnv()).isNull();
    assertThat(web.getSpec().getVolumes()).singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("web-data"));
    assertThat(web.getSpec().getOverhead()).isNull();
    assertThat(web.getStatus().getPodIPs()).as("podIP says it").isNull();
    assertThat(web.getStatus().getContainerStatuses().get(0).getState()).isNull();
    assertThat(web.getSpec().getInitContainers().get(0).getResources()).isNull();
    assertThat(web.getAdditionalProperties()).isNull();

    assertThat(dualStack.getSpec().getAffinity().getPodAffinity()).isNull();
    assertThat(dualStack.getSpec().getAffinity().getNodeAffinity()).isNotNull();
    assertThat(dualStack.getSpec().getAffinity().getPodAntiAffinity()).isNotNull();
    assertThat(dualStack.getSpec().getVolumes()).as("an emptyDir only").isNull();
    assertThat(dualStack.getStatus().getPodIPs()).hasSize(2);
    assertThat(dualStack.getSpec().getContainers().get(0).getResources()).as("no requests").isNull();

    Deployment web3 = (Deployment) objects.get(2);
    assertThat(web3.getSpec().getStrategy()).isNull();
    assertThat(web3.getStatus().getConditions()).isNull();
    assertThat(web3.getStatus().getReplicas()).isEqualTo(3);
    assertThat(((Deployment) objects.get(8)).getSpec()).isNull();
    assertThat(((CronJob) objects.get(9)).getSpec().getJobTemplate()).isNull();

    Pod nulls = (Pod) objects.get(10);
    assertThat(nulls.getMetadata().getLabels()).isNull();
    assertThat(nulls.getMetadata().getOwnerReferences()).isNull();
    assertThat(nulls.getSpec().getAffinity()).isNull();
    assertThat(nulls.getSpec().getContainers()).singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx"));
    assertThat(nulls.getStatus()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yaml", "json"})
  void repeatedValuesAreOneString(String format) throws Exception {
    Pod web = (Pod) keptObjects(format).get(0);
    Deployment deployment = (Deployment) keptObjects(format).get(2);

    assertThat(web.getMetadata().getLabels().get("app"))
        .isSameAs(deployment.getSpec().getTemplate().getMetadata().getLabels().get("app"));
    assertThat(web.getMetadata().getNamespace()).isSameAs(deployment.getMetadata().getNamespace());
    assertThat(web.getSpec().getContainers().get(0).getImage())
        .isSameAs(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"labels\": [\"app\"]", "\"labels\": {\"app\": {\"x\": 1}}", "\"ownerReferences\": {}"})
  void aValueOfTheWrongShapeInAKeptFieldIsRefusedWithItsPath(String field) throws Exception {
    Path file = Files.writeString(dir.resolve("wrong.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", " + field + "}}");
    assertThatThrownBy(() -> kept(file)).isInstanceOf(SnapshotInputException.class)
        .hasMessageContaining("metadata." + field.substring(1, field.indexOf('"', 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void anItemOfTheWrongShapeIsNamedByItsIndex(String format) throws Exception {
    String pod = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},"
        + " \"spec\": {\"containers\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": {\"x\": 1}}]}}";
    Path file = Files.writeString(dir.resolve("items." + format), pod);
    assertThatThrownBy(() -> kept(file)).isInstanceOf(SnapshotInputException.class)
        .hasMessageContaining("spec.containers[2].name");
  }

  /**
   * A hand-edited list item or map value left empty is null: kubectl never writes one, and the rules
   * failed on it (exit 3). Refused with its path, in the kept form (Pods, owners) as in the kinds
   * bound whole (Nodes, PodDisruptionBudgets).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "v1|Pod|spec:\n  containers:\n  -\n  - {name: c, image: nginx}\n|spec.containers[0]: a null item",
      "v1|Pod|spec:\n  containers:\n  - name: c\n    image: nginx\n    command:\n    - etcd\n    -\n|spec.containers[0].command[1]: a null item",
      "apps/v1|Deployment|spec:\n  template:\n    metadata:\n      labels:\n        app:\n|spec.template.metadata.labels.app: a null value",
      "v1|Node|spec:\n  taints:\n  -\n|spec.taints[0]: a null item",
      "policy/v1|PodDisruptionBudget|spec:\n  selector:\n    matchLabels:\n      app:\n|spec.selector.matchLabels.app: a null value"})
  void aNullItemOrValueIsRefusedWithItsPath(String example) throws Exception {
    String[] parts = example.split("\\|");
    Path file = Files.writeString(dir.resolve("null.yaml"),
        "apiVersion: " + parts[0] + "\nkind: " + parts[1] + "\nmetadata: {name: x, namespace: shop}\n" + parts[2]);

    assertThatThrownBy(() -> kept(file)).isInstanceOfSatisfying(SnapshotInputException.class, e ->
        assertThat(e.problem()).isEqualTo(parts[1] + " x cannot be read: " + parts[3] + ", which the API never writes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"containerPort\": \"x\"}", "\"eighty\""})
  void aMalformedValueInAFieldTheKeptFormSkipsIsNotRefusedOneItReadsIs(String ports) throws Exception {
    String pod = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"namespace\": \"n\"},"
        + " \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx:1.27\", \"ports\": [%s]}]}}";
    Path skipped = Files.writeString(dir.resolve("skipped.json"), pod.formatted(ports));
    assertThat(kept(skipped)).singleElement()
        .satisfies(p -> assertThat(((Pod) p).getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27"));

    Path read = Files.writeString(dir.resolve("read.json"), pod.formatted("{}").replace("\"nginx:1.27\"", "[" + ports + "]"));
    assertThatThrownBy(() -> kept(read)).isInstanceOf(SnapshotInputException.class)
        .hasMessageContaining("spec.containers[0].image");
  }

  /** The objects of the example, as {@code yaml} or as {@code json}, read straight into their kept form. */
  private List<HasMetadata> keptObjects(String format) throws Exception {
    return kept(format.equals("yaml") ? OBJECTS : asJson());
  }

  private Path asJson() throws Exception {
    Path json = dir.resolve("objects.json");
    new ObjectMapper().writeValue(json.toFile(), new YAMLMapper().readTree(OBJECTS.toFile()));
    return json;
  }

  private static List<HasMetadata> kept(Path file) throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    SnapshotFiles.read(Files.newInputStream(file), file.toString(), null, true, new OtherVersions(), (o, line) -> objects.add(o));
    return objects;
  }
}
