package dev.haguard.demo;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.operator.HaguardOperator;
import dev.haguard.report.openreports.ReportApi;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.HashSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * An in-process Kubernetes API server (fabric8's mock server in CRUD mode) with the ClusterPolicy
 * CRD installed. It stores and watches objects like a real one, but has no controllers, no
 * server-side apply and no discovery (see docs on the embedded API server): the demo and the
 * operator tests run the real operator against it.
 */
public final class EmbeddedCluster implements AutoCloseable {
  /** The CRD as {@code crds/} holds it; the build copies it onto the classpath. */
  public static final String CRD_RESOURCE = "crds/clusterpolicies.haguard.dev-v1.yml";

  /** The mock server logs every request at INFO through java.util.logging; held here, as JUL holds loggers weakly. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  /** Kinds to list in {@link #dump()}: the mock has no discovery, so the kinds must be known. */
  private final Set<Class<? extends HasMetadata>> kinds = new LinkedHashSet<>();

  private EmbeddedCluster(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
    kinds.add(CustomResourceDefinition.class);
    kinds.add(ClusterPolicy.class);
    kinds.addAll(HaguardOperator.watchedKinds());
    kinds.add(Event.class);
    kinds.add(Lease.class);
  }

  /** Starts the server on a free loopback port and installs the ClusterPolicy CRD. */
  public static EmbeddedCluster start() {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    // CRUD mode as @EnableKubernetesMockClient(crud = true) builds it: expectations first, then CRUD.
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
        new EmbeddedDispatcher(expectations), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    EmbeddedCluster cluster = new EmbeddedCluster(server, server.createClient());
    // So that loaded YAML turns into ClusterPolicy objects (with their lenient spec), not generic ones.
    cluster.client.getKubernetesSerialization().registerKubernetesResource(ClusterPolicy.class);
    try (InputStream crd = EmbeddedCluster.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
      if (crd == null) {
        throw new IllegalStateException(CRD_RESOURCE + " is not on the classpath");
      }
      cluster.seed(cluster.client.load(crd).items());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cluster;
  }

  public KubernetesClient client() {
    return client;
  }

  /** The server itself, e.g. to count the requests it answered. */
  public KubernetesMockServer server() {
    return server;
  }

  /**
   * Creates every object as it is (status included: the embedded server keeps it for built-in
   * kinds). The embedded server gives each object a uid of its own, so owners are created before
   * what they own and owner references are pointed at the new uids: a ReplicaSet stays its
   * Deployment's, a pod its ReplicaSet's.
   */
  public void seed(List<? extends HasMetadata> objects) {
    Set<String> notYetCreated = new HashSet<>();
    objects.forEach(o -> notYetCreated.add(o.getMetadata().getUid()));
    notYetCreated.remove(null);
    Map<String, String> createdUidByGiven = new HashMap<>();
    List<HasMetadata> remaining = List.copyOf(objects);
    while (!remaining.isEmpty()) {
      Map<Boolean, List<HasMetadata>> byReadiness = remaining.stream()
          .collect(Collectors.partitioningBy(o -> ownersOf(o).noneMatch(notYetCreated::contains)));
      // An owner cycle (nonsense, but a file may hold it): create the rest as they are.
      boolean cycle = byReadiness.get(true).isEmpty();
      List<HasMetadata> batch = cycle ? remaining : byReadiness.get(true);
      batch.forEach(o -> kinds.add(o.getClass()));
      // The objects of one round own nothing in it: they are created side by side.
      Map<String, String> createdNow = batch.parallelStream()
          .flatMap(o -> create(o, createdUidByGiven).stream())
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b));
      createdUidByGiven.putAll(createdNow);
      notYetCreated.removeAll(createdNow.keySet());
      remaining = cycle ? List.of() : byReadiness.get(false);
    }
  }

  /** Creates {@code o} with its owner references on the owners' new uids; its given uid and its new one. */
  private Optional<Map.Entry<String, String>> create(HasMetadata o, Map<String, String> createdUidByGiven) {
    if (o.getMetadata().getOwnerReferences() != null) {
      o.getMetadata().getOwnerReferences().forEach(r -> r.setUid(createdUidByGiven.getOrDefault(r.getUid(), r.getUid())));
    }
    String given = o.getMetadata().getUid();
    String created = client.resource(o).create().getMetadata().getUid();
    return given == null ? Optional.empty() : Optional.of(Map.entry(given, created));
  }

  private static Stream<String> ownersOf(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    return refs == null ? Stream.empty() : refs.stream().map(OwnerReference::getUid);
  }

  /** Every object the cluster holds now, kind by kind, as one List. */
  public KubernetesList dump() {
    List<HasMetadata> items = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : kinds) {
      List<? extends HasMetadata> ofKind = new ArrayList<>(client.resources(kind).inAnyNamespace().list().getItems());
      ofKind.sort(Comparator.comparing((HasMetadata o) -> String.valueOf(o.getMetadata().getNamespace()))
          .thenComparing(o -> o.getMetadata().getName()));
      items.addAll(ofKind);
    }
    // Not KubernetesListBuilder: it wants a builder for every item, and custom resources have none.
    KubernetesList list = new KubernetesList();
    list.setItems(items);
    return list;
  }

  /**
   * Serves {@code api} as a real API server does once its CRDs are established: installs its two
   * CRDs (as crd-generator writes them into the jar) and answers discovery for its group/version,
   * which the embedded server does not do by itself. The operator then writes its reports here.
   */
  public void serveReportApi(ReportApi api) {
    serveReportApi(server, client, api);
    kinds.addAll(api.kinds());
  }

  /** {@link #serveReportApi(ReportApi)} on a mock server that is not an EmbeddedCluster's. */
  public static void serveReportApi(KubernetesMockServer server, KubernetesClient client, ReportApi api) {
    APIResourceListBuilder resources = new APIResourceListBuilder().withGroupVersion(api.apiVersion());
    for (Class<? extends HasMetadata> kind : api.kinds()) {
      installGeneratedCrd(client, kind);
      resources.addToResources(new APIResourceBuilder()
          .withName(HasMetadata.getPlural(kind))
          .withSingularName(HasMetadata.getSingular(kind))
          .withKind(HasMetadata.getKind(kind))
          .withNamespaced(Namespaced.class.isAssignableFrom(kind))
          .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
          .build());
    }
    server.expect().get().withPath("/apis/" + api.apiVersion()).andReturn(200, resources.build()).always();
  }

  /** Creates {@code kind}'s CRD, as crd-generator wrote it onto the classpath, unless the server holds it already. */
  public static void installGeneratedCrd(KubernetesClient client, Class<? extends HasMetadata> kind) {
    String name = HasMetadata.getPlural(kind) + "." + HasMetadata.getGroup(kind);
    if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
      return;
    }
    String resource = "META-INF/fabric8/" + name + "-v1.yml";
    try (InputStream crd = EmbeddedCluster.class.getClassLoader().getResourceAsStream(resource)) {
      if (crd == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      client.load(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
