package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.haguard.input.YamlInput;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.ReadSet;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotInputException;
import dev.haguard.snapshot.source.SnapshotKinds;
import dev.haguard.snapshot.source.StrictBinding;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.snakeyaml.engine.v2.api.Load;

/**
 * The streaming reader ({@code audit -f}) against a plain full-tree reader of the same library:
 * snakeyaml-engine's own {@code Load} (its Composer, constructors and merge-key handling) to plain
 * Java maps, then a Jackson tree, then bound. For every snapshot the tests use, generated ones in
 * every style users write (anchors, merge keys, flow style, comments, multi-document, Lists,
 * JSON) and damaged ones, both give the same snapshot, or both refuse the input. Both forms:
 * the objects whole, and the kept form, which the streaming reader binds straight from the tokens
 * ({@code KeptFields.read}) and the oracle trims from the whole objects it bound
 * ({@code ReadSet.kept}).
 */
class StreamingReaderDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * fabric8's binding, refusing what the file reader refuses beyond it ({@link StrictBinding}: a
   * boolean where a string belongs...): what is refused is tested on its own; this test checks that
   * both readings hand the binder the same values.
   */
  private static final KubernetesSerialization BINDER = strictBinder();

  private static KubernetesSerialization strictBinder() {
    ObjectMapper mapper = new ObjectMapper();
    KubernetesSerialization binder = new KubernetesSerialization(mapper, false);
    StrictBinding.configure(mapper);
    return binder;
  }
  /** Jackson's nesting limit, which the streaming reader keeps for YAML too. */
  private static final int MAX_DEPTH = 1_000;
  private static final Path DIR = createDir();

  /** A case's objects (objects.yaml or objects.json), not the expected outputs kept beside them. */
  private static boolean isSnapshotObjects(Path p) {
    String name = p.getFileName().toString();
    return name.equals("objects.yaml") || name.equals("objects.json");
  }

  @Property(tries = 1, seed = "1")
  void everySnapshotFileTheTestsUse() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ProjectFiles.path("src/test/resources/snapshots"))) {
      files = new ArrayList<>(walk.filter(StreamingReaderDifferentialTest::isSnapshotObjects).toList());
    }
    files.add(ProjectFiles.path("examples/demo-cluster.yaml"));
    assertThat(files).hasSizeGreaterThan(4);
    for (Path file : files) {
      assertThat(agreement(file)).as(file.toString()).isEqualTo(Agreement.SAME_OBJECTS);
    }
  }

  @Property(tries = 100)
  void generatedSnapshotsInEveryStyle(@ForAll("snapshots") String text, @ForAll boolean json, @ForAll boolean slurped)
      throws Exception {
    String input = json ? toJsonOrNull(text, slurped) : text;
    if (input == null) {
      return; // the generated YAML is only rendered as JSON when it is valid
    }
    boolean readKind = text.matches("(?s).*kind: (Node|Pod|Deployment)\n.*");
    assertThat(agreement(write(input, json))).as(input)
        .isEqualTo(readKind && !NUMBER_NAMED.matcher(text).find() ? Agreement.SAME_OBJECTS
            : Agreement.BOTH_REFUSE); // only Secrets: nothing to read; a name that is a number: not a string

  }

  /** An object of a kind read whose name, unquoted, is a number (generated from name {@code 123}): the API has a string. */
  private static final java.util.regex.Pattern NUMBER_NAMED =
      java.util.regex.Pattern.compile("kind: (Node|Pod|Deployment)\n *metadata:[^\n]*\n( *<<: \\*m0\n)? *name: 123\\d+\n");

  @Property(tries = 200)
  void damagedSnapshotsAreReadAlikeOrRefusedByBoth(
      @ForAll("snapshots") String text, @ForAll("damages") List<Damage> damages) throws Exception {
    String damaged = text;
    for (Damage d : damages) {
      damaged = d.apply(damaged);
    }
    assertThat(agreement(write(damaged, false))).as(damaged).isIn(Agreement.SAME_OBJECTS, Agreement.BOTH_REFUSE);
  }

  @Property(tries = AuditFuzzTest.SEEDS)
  void theFuzzTestsDamagedDemoClusterIsReadAlikeOrRefusedByBoth(@ForAll("seeds") long seed) throws Exception {
    JsonNode demo = new YAMLMapper().readTree(ProjectFiles.path("examples/demo-cluster.yaml").toFile());
    SnapshotMutator.Damaged damaged = new SnapshotMutator(demo).damage(seed);
    Path file = Files.write(DIR.resolve("damaged" + (damaged.json() ? ".json" : ".yaml")), damaged.bytes());

    assertThat(agreement(file)).as(damaged.damages().toString()).isIn(Agreement.SAME_OBJECTS, Agreement.BOTH_REFUSE);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(1, AuditFuzzTest.SEEDS); // the seeds AuditFuzzTest runs: all of them
  }

  // ---- the comparison

  enum Agreement { SAME_OBJECTS, BOTH_REFUSE, ONLY_STREAMING_REFUSES, ONLY_TREE_REFUSES, DIFFERENT_OBJECTS }

  /** The agreement on the whole objects, and on their kept form; where the two differ, the one that is not SAME_OBJECTS. */
  private static Agreement agreement(Path file) throws InterruptedException {
    Agreement whole = agreement(file, false);
    Agreement kept = agreement(file, true);
    return whole == Agreement.SAME_OBJECTS ? kept : whole;
  }

  private static Agreement agreement(Path file, boolean kept) throws InterruptedException {
    Optional<ClusterSnapshot> streamed = streaming(file, kept);
    Optional<ClusterSnapshot> tree = withinSeconds(() -> fullTree(file, kept));
    if (streamed.isEmpty() || tree.isEmpty()) {
      return streamed.isEmpty() && tree.isEmpty() ? Agreement.BOTH_REFUSE
          : streamed.isEmpty() ? Agreement.ONLY_STREAMING_REFUSES : Agreement.ONLY_TREE_REFUSES;
    }
    return same(streamed.get(), tree.get()) ? Agreement.SAME_OBJECTS : Agreement.DIFFERENT_OBJECTS;
  }

  private static boolean same(ClusterSnapshot a, ClusterSnapshot b) {
    return a.nodes().equals(b.nodes()) && a.pods().equals(b.pods()) && a.deployments().equals(b.deployments())
        && a.replicaSets().equals(b.replicaSets()) && a.statefulSets().equals(b.statefulSets())
        && a.daemonSets().equals(b.daemonSets()) && a.jobs().equals(b.jobs()) && a.cronJobs().equals(b.cronJobs())
        && a.persistentVolumes().equals(b.persistentVolumes())
        && a.persistentVolumeClaims().equals(b.persistentVolumeClaims())
        && a.storageClasses().equals(b.storageClasses())
        && a.kubernetesEndpoints().equals(b.kubernetesEndpoints())
        && a.kubernetesEndpointSlices().equals(b.kubernetesEndpointSlices())
        && a.clusterInfo().equals(b.clusterInfo());
  }

  /** Which fields are kept is CachedFormAnalysisTest's to check; that both readers keep the same, this test's. */
  private static Optional<ClusterSnapshot> streaming(Path file, boolean kept) {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    try {
      if (kept) {
        SnapshotFiles.read(List.of(file.toString()), builder);
      } else {
        SnapshotFiles.readWhole(List.of(file.toString()), (o, f, line) -> builder.add(o));
      }
      return Optional.of(builder.build());
    } catch (SnapshotInputException refused) {
      return Optional.empty();
    }
  }

  /**
   * snakeyaml-engine's Load loops for ever on a merge key that aliases the mapping it sits in
   * ({@code m: &m {<<: *m}}; the streaming reader refuses it as an undefined alias): the oracle
   * that does not answer in time could not read the input.
   */
  @SuppressWarnings("deprecation") // Thread.stop: the loop never looks at interrupts, and would spin on
  private static Optional<ClusterSnapshot> withinSeconds(java.util.function.Supplier<Optional<ClusterSnapshot>> oracle)
      throws InterruptedException {
    java.util.concurrent.atomic.AtomicReference<Optional<ClusterSnapshot>> answer =
        new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
    Thread thread = new Thread(() -> answer.set(oracle.get()), "full-tree-oracle");
    thread.setDaemon(true);
    thread.start();
    thread.join(10_000);
    if (thread.isAlive()) {
      thread.stop();
      thread.join();
      return Optional.empty();
    }
    return answer.get();
  }

  /** The oracle: whole documents loaded by snakeyaml-engine (JSON is YAML too), then bound one by one. */
  private static Optional<ClusterSnapshot> fullTree(Path file, boolean kept) {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    int read = 0;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (Object document : new Load(YamlInput.settings(file.toString(), 1 << 16)).loadAllFromString(text)) {
        if (document == null) {
          continue;
        }
        JsonNode root = JSON.valueToTree(document);
        List<JsonNode> objects = new ArrayList<>();
        if (depth(root) > MAX_DEPTH || !(root.isArray() ? flattenAll(root, objects) : flatten(root, objects))) {
          return Optional.empty();
        }
        for (JsonNode object : objects) {
          if (object.path("apiVersion").asText("").isEmpty() || !object.path("apiVersion").isTextual()
              || object.path("kind").asText("").isEmpty() || !object.path("kind").isTextual()) {
            return Optional.empty();
          }
          String kind = object.get("kind").asText();
          Optional<Class<? extends HasMetadata>> type = SnapshotKinds.modelClass(object.get("apiVersion").asText(), kind);
          if (type.isPresent()) {
            if (!acceptable(object)) {
              return Optional.empty();
            }
            HasMetadata bound = BINDER.convertValue(object, type.get());
            read += builder.add(kept ? ReadSet.kept(bound) : bound) ? 1 : 0;
          }
        }
      }
    } catch (RuntimeException | IOException | StackOverflowError refused) {
      return Optional.empty(); // the recursive composer overflows past ~3,000 levels: it cannot read that either
    }
    return read == 0 ? Optional.empty() : Optional.of(builder.build());
  }

  /**
   * The objects of {@code value}: itself, or when it has items (a List, at any depth: kubectl and
   * Kubernetes' decoder take any object with items as one) the objects of each; false for a value
   * that is not an object, or items that are not a list.
   */
  private static boolean flatten(JsonNode value, List<JsonNode> objects) {
    if (!value.isObject()) {
      return false;
    }
    if (!value.has("items")) {
      return objects.add(value);
    }
    return value.get("items").isArray() && flattenAll(value.get("items"), objects);
  }

  private static boolean flattenAll(JsonNode array, List<JsonNode> objects) {
    for (JsonNode each : array) {
      if (!flatten(each, objects)) {
        return false;
      }
    }
    return true;
  }

  /** What the API server guarantees and the reader checks: a name, whole and non-negative counts. */
  private static boolean acceptable(JsonNode object) {
    if (object.path("metadata").path("name").asText("").isBlank()) {
      return false;
    }
    for (String count : List.of("/spec/replicas", "/status/replicas", "/status/availableReplicas")) {
      JsonNode n = object.at(count);
      if (!n.isMissingNode() && !n.isNull() && (n.isFloatingPointNumber() || (n.isNumber() && n.asLong() < 0))) {
        return false;
      }
    }
    return true;
  }

  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child));
    }
    return deepest + 1;
  }

  // ---- generated inputs

  record Obj(String kind, String name, String zone, String image, int labelSet, int replicas) {}

  private static final List<List<String>> LABEL_SETS = List.of(
      List.of("app", "web"), List.of("app", "web", "tier", "frontend"), List.of("component", "etcd"));

  @Provide
  Arbitrary<String> snapshots() {
    Arbitrary<Obj> object = Combinators.combine(
        Arbitraries.of("Node", "Pod", "Deployment", "Secret"),
        Arbitraries.of("a", "b", "web-1", "etcd-cp-1", "on", "null", "123"),
        Arbitraries.of("eu-west-1a", "eu-west-1b", "fd00::1"),
        Arbitraries.of("nginx:1.25", "nginx", "registry.example.com:5000/x@sha256:" + "a".repeat(64)),
        Arbitraries.integers().between(0, LABEL_SETS.size() - 1),
        Arbitraries.integers().between(0, 5)).as(Obj::new);
    return Combinators.combine(
        object.list().ofMinSize(1).ofMaxSize(8),
        Arbitraries.of(true, false), // one List document, or a document per object
        Arbitraries.of(true, false), // the List inside a List
        Arbitraries.of(true, false), // flow style
        Arbitraries.of(true, false), // anchors and merge keys
        Arbitraries.of(true, false)  // comments
    ).as(StreamingReaderDifferentialTest::render);
  }

  private static String render(List<Obj> objects, boolean list, boolean nested, boolean flow, boolean anchors,
      boolean comments) {
    String rendered = render(objects, list, flow, anchors, comments);
    if (!list || !nested) {
      return rendered;
    }
    // the List as the second item of an outer one, after a Secret: items read item by item at any depth
    return "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n"
        + rendered.lines().map(line -> "  " + line).collect(java.util.stream.Collectors.joining("\n", "", "\n"))
            .replaceFirst("^  ", "- ");
  }

  private static String render(List<Obj> objects, boolean list, boolean flow, boolean anchors, boolean comments) {
    StringBuilder out = new StringBuilder(list ? "apiVersion: v1\nkind: List\nitems:\n" : "");
    List<Integer> anchored = new ArrayList<>();
    String indent = list ? "  " : "";
    for (int i = 0; i < objects.size(); i++) {
      Obj o = objects.get(i);
      if (comments) {
        out.append("# object ").append(i).append(": ").append(o.kind()).append('\n');
      }
      if (!list && i > 0) {
        out.append("---\n");
      }
      String apiVersion = o.kind().equals("Deployment") ? "apps/v1" : "v1";
      out.append(list ? "- " : "").append("apiVersion: ").append(apiVersion).append('\n');
      out.append(indent).append("kind: ").append(o.kind()).append('\n');
      String labels = labels(o.labelSet(), flow, anchors && list, anchored);
      if (anchors && list && i > 0) {
        out.append(indent).append("metadata:\n").append(indent).append("  <<: *m0\n");
      } else {
        out.append(indent).append("metadata:").append(list && anchors ? " &m0" : "").append('\n');
      }
      out.append(indent).append("  name: ").append(o.name()).append(i).append('\n');
      out.append(indent).append("  labels: ").append(labels).append('\n');
      switch (o.kind()) {
        case "Node" -> out.append(indent).append("  annotations: {zone: '").append(o.zone()).append("'}\n");
        case "Pod" -> out.append(indent).append("spec:\n").append(indent).append("  containers:\n")
            .append(indent).append(flow ? "  - {name: c, image: '" + o.image() + "'}\n"
                : "  - name: c\n" + indent + "    image: " + o.image() + "\n");
        case "Deployment" -> out.append(indent).append("spec: {replicas: ").append(o.replicas())
            .append(", selector: {matchLabels: ").append(labels(o.labelSet(), true, false, anchored)).append("}}\n");
        default -> out.append(indent).append("data: {k: dmFsdWU=}\n");
      }
    }
    return out.toString();
  }

  /** A label set: an alias when it was anchored before, else the map (anchored when anchors are on). */
  private static String labels(int set, boolean flow, boolean anchors, List<Integer> anchored) {
    if (anchors && anchored.contains(set)) {
      return "*l" + set;
    }
    List<String> kv = LABEL_SETS.get(set);
    StringBuilder map = new StringBuilder(anchors ? "&l" + set + " {" : "{");
    for (int i = 0; i < kv.size(); i += 2) {
      map.append(i > 0 ? ", " : "").append(kv.get(i)).append(": ").append(kv.get(i + 1));
    }
    if (anchors) {
      anchored.add(set);
    }
    return map.append('}').toString();
  }

  /**
   * The YAML as JSON: kubectl prints one JSON value, the object or a List of them; {@code slurped},
   * the documents as {@code jq -s} joins them, each a List of its one document, in an array.
   */
  private static String toJsonOrNull(String yaml, boolean slurped) {
    try {
      List<Object> documents = new ArrayList<>();
      new Load(YamlInput.settings("generated", 1 << 16)).loadAllFromString(yaml).forEach(documents::add);
      Object value = slurped ? documents.stream().map(d -> list(List.of(d))).toList()
          : documents.size() == 1 ? documents.get(0) : list(documents);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (RuntimeException | IOException e) {
      return null;
    }
  }

  private static Object list(List<Object> items) {
    return java.util.Map.of("apiVersion", "v1", "kind", "List", "items", items);
  }

  // ---- damage

  record Damage(int at, int kind) {
    private static final List<String> INSERTS = List.of("*l0", "<<: *m0\n", "- ", ": ", "{", "]", "kind: Pod\n",
        "  ", "\n---\n", "&x ", "*x", "replicas: -1\n", "kind: Secret\n", "!!int ", "\"", "# c\n");

    String apply(String text) {
      if (text.isEmpty()) {
        return text;
      }
      int p = Math.floorMod(at, text.length());
      int q = Math.min(text.length(), p + 1 + Math.floorMod(at, 7));
      return switch (Math.floorMod(kind, 3)) {
        case 0 -> text.substring(0, p) + text.substring(q); // delete a few characters
        case 1 -> text.substring(0, p) + INSERTS.get(Math.floorMod(kind, INSERTS.size())) + text.substring(p);
        default -> { // repeat a line
          int start = text.lastIndexOf('\n', p) + 1;
          int end = text.indexOf('\n', p);
          String line = text.substring(start, end < 0 ? text.length() : end + 1);
          yield text.substring(0, start) + line + text.substring(start);
        }
      };
    }
  }

  @Provide
  Arbitrary<List<Damage>> damages() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Damage::new).list().ofMinSize(1).ofMaxSize(3);
  }

  private static Path write(String text, boolean json) throws IOException {
    return Files.writeString(DIR.resolve(json ? "generated.json" : "generated.yaml"), text);
  }

  private static Path createDir() {
    try {
      return Files.createTempDirectory("haguard-differential");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterProperty
  void keepsNoFiles() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }
}
