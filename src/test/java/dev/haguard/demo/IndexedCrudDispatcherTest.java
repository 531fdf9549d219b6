package dev.haguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The indexed store must answer exactly as fabric8's plain CRUD dispatcher: the same requests go to
 * both, and every answer (object, or error code) is compared, uids and timestamps aside.
 */
@EmbeddedTier
class IndexedCrudDispatcherTest {
  private static final String[] NAMESPACES = {"a", "b"};
  private static final String[] NAMES = {"x", "y", "z"};

  private final List<KubernetesMockServer> servers = new ArrayList<>();
  private final IndexedCrudDispatcher store = new IndexedCrudDispatcher();
  private KubernetesClient plain;
  private KubernetesClient indexed;

  @AfterEach
  void stop() {
    servers.forEach(KubernetesMockServer::destroy);
  }

  @Test
  void namedRequestsAnswerAsThePlainDispatcher() {
    start();
    List<String> answers = new ArrayList<>();
    Pod pod = pod("a", "x", "v1");
    answers.add(same(c -> c.resource(pod).create()));
    answers.add(same(c -> c.resource(pod).create())); // 409: already exists
    answers.add(same(c -> c.resource(pod("b", "x", "v1")).create())); // same name, other namespace
    answers.add(same(c -> c.resource(new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("a")
        .endMetadata().build()).create())); // same name and namespace, other kind
    answers.add(same(c -> c.pods().inNamespace("a").withName("x").get()));
    answers.add(same(c -> c.pods().inNamespace("a").withName("missing").get()));
    // A label change changes the key the store holds the object under.
    answers.add(same(c -> c.pods().inNamespace("a").withName("x")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"v2\"}}}")));
    answers.add(same(c -> c.pods().inNamespace("a").withName("x").get()));
    answers.add(same(c -> c.pods().inNamespace("a").withLabel("app", "v2").list().getItems()));
    answers.add(same(c -> c.pods().inNamespace("a").withName("x").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"app:2\"}]")));
    answers.add(same(c -> c.pods().inNamespace("a").withName("x").edit(p -> {
      p.getMetadata().setResourceVersion("1"); // stale: 409
      return p;
    })));
    answers.add(same(c -> c.pods().inNamespace("a").withName("x").delete()));
    answers.add(same(c -> c.pods().inNamespace("a").withName("x").get()));
    answers.add(same(c -> c.resource(pod).create())); // created again after the delete
    answers.add(same(c -> c.resource(node("n1")).create())); // cluster-scoped
    answers.add(same(c -> c.nodes().withName("n1").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"topology.kubernetes.io/zone\":\"z2\"}}}")));
    answers.add(same(c -> c.resource(policy("p")).create()));
    answers.add(same(c -> c.resources(ClusterPolicy.class).withName("p").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"team\":\"sre\"}}}")));
    answers.add(same(c -> c.resources(ClusterPolicy.class).withName("p").get()));

    assertThat(store.usesIndex()).as("every stored key indexed").isTrue();
    assertThat(answers).hasSize(19).contains("error 409", "error 404/absent").anyMatch(a -> a.contains("app:2"));
  }

  @Test
  void aRandomSequenceOfWritesLeavesTheSameStore() {
    start();
    Random random = new Random(42);
    for (int step = 0; step < 400; step++) {
      String namespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
      String name = NAMES[random.nextInt(NAMES.length)];
      String label = "v" + random.nextInt(3);
      switch (random.nextInt(5)) {
        case 0 -> same(c -> c.resource(pod(namespace, name, label)).create());
        case 1 -> same(c -> c.pods().inNamespace(namespace).withName(name)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"" + label + "\"}}}"));
        case 2 -> same(c -> c.pods().inNamespace(namespace).withName(name).delete());
        case 3 -> same(c -> c.resource(configMap(namespace, name, label)).create());
        default -> same(c -> c.pods().inNamespace(namespace).withName(name).get());
      }
    }
    assertThat(same(c -> c.pods().inAnyNamespace().list().getItems()))
        .isEqualTo(answer(plain, c -> c.pods().inAnyNamespace().list().getItems()));
    assertThat(store.usesIndex()).as("every stored key indexed").isTrue();
    assertThat(same(c -> c.configMaps().inAnyNamespace().list().getItems())).isNotEqualTo("[]");
  }

  @Test
  void aListWithLimitComesInPagesThatTogetherHoldEveryObjectOnce() {
    start();
    for (int i = 0; i < 7; i++) {
      indexed.resource(pod(NAMESPACES[i % 2], "p" + i, "v1")).create();
    }
    List<String> paged = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = null;
    do {
      PodList page = indexed.pods().inAnyNamespace()
          .list(new ListOptionsBuilder().withLimit(3L).withContinue(token).build());
      page.getItems().forEach(p -> paged.add(p.getMetadata().getName()));
      pageSizes.add(page.getItems().size());
      token = page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());

    assertThat(pageSizes).containsExactly(3, 3, 1);
    assertThat(paged).containsExactlyElementsOf(
        indexed.pods().inAnyNamespace().list().getItems().stream().map(p -> p.getMetadata().getName()).toList());
  }

  @Test
  void anUnknownContinueTokenIsGoneAsAnExpiredOneIs() {
    start();
    indexed.resource(pod("a", "x", "v1")).create();
    assertThatThrownBy(() -> indexed.pods().inAnyNamespace()
        .list(new ListOptionsBuilder().withLimit(1L).withContinue("page-404").build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(410));
  }

  @Test
  void anInformerWithAListLimitListsInPagesAndHoldsEveryObject() throws InterruptedException {
    start();
    for (int i = 0; i < 5; i++) {
      indexed.resource(pod("a", "p" + i, "v1")).create();
    }
    takeAll(servers.get(1));
    try (SharedIndexInformer<Pod> informer = indexed.pods().inAnyNamespace().withLimit(2L).inform()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> informer.getStore().list().size() == 5);
      List<String> lists = takeAll(servers.get(1)).stream().filter(path -> !path.contains("watch=true")).toList();
      assertThat(lists).hasSize(3).allMatch(path -> path.contains("limit=2"));
    }
  }

  private static List<String> takeAll(KubernetesMockServer server) throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getPath());
    }
    return paths;
  }

  private void start() {
    plain = server(KubernetesMixedDispatcher::new);
    indexed = server(expectations -> store);
  }

  private KubernetesClient server(Function<Map<ServerRequest, Queue<ServerResponse>>, Dispatcher> dispatcher) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
        dispatcher.apply(expectations), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    servers.add(server);
    KubernetesClient client = server.createClient();
    client.getKubernetesSerialization().registerKubernetesResource(ClusterPolicy.class);
    // Installed as the embedded cluster does: the store learns the CRD (and its status subresource) from it.
    client.load(getClass().getClassLoader().getResourceAsStream(EmbeddedCluster.CRD_RESOURCE)).create();
    return client;
  }

  /** The same request to both servers; their answers must be equal. */
  private String same(Function<KubernetesClient, Object> request) {
    String expected = answer(plain, request);
    assertThat(answer(indexed, request)).isEqualTo(expected);
    return expected;
  }

  private static String answer(KubernetesClient client, Function<KubernetesClient, Object> request) {
    try {
      Object result = request.apply(client);
      return result == null ? "error 404/absent" : normalised(client, result);
    } catch (KubernetesClientException e) {
      return "error " + e.getCode();
    }
  }

  /** The answer as JSON without what each server makes up itself (uids, creation times). */
  private static String normalised(KubernetesClient client, Object result) {
    JsonNode tree = client.getKubernetesSerialization().convertValue(result, JsonNode.class);
    withoutMadeUpFields(tree);
    return tree.toString();
  }

  private static void withoutMadeUpFields(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(List.of("uid", "creationTimestamp"));
    }
    node.forEach(IndexedCrudDispatcherTest::withoutMadeUpFields);
  }

  private static Pod pod(String namespace, String name, String app) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", app)
        .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
        .build();
  }

  private static ConfigMap configMap(String namespace, String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .addToData("value", value).build();
  }

  private static Node node(String name) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static HasMetadata policy(String name) {
    ClusterPolicy policy = new ClusterPolicy();
    policy.getMetadata().setName(name);
    return policy;
  }
}
