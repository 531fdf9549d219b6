package dev.haguard.cli;

import static dev.haguard.cli.RecordedApiServer.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.snapshot.ReadSet;
import dev.haguard.snapshot.source.SnapshotInputException;
import dev.haguard.snapshot.source.SnapshotSources;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live reader against fabric8's mock API server in expectations mode: its CRUD mode ignores
 * {@code limit} and {@code continue}, so the pages a real apiserver would send are recorded here.
 */
@EmbeddedTier
class LiveClusterTest {
  private static final long PAGE = 2;

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void readsEveryKindPageByPageAndOnlyTheNamedObjects() throws Exception {
    Pod a = TestObjects.pod("shop", "a", "n1", "nginx:1.27");
    Pod b = TestObjects.pod("shop", "b", "n1", "nginx:1.27");
    Pod c = new PodBuilder(TestObjects.pod("shop", "c", "n2", "nginx:1.27")).editMetadata()
        .addNewManagedField().withManager("kubelet").withOperation("Update").endManagedField().endMetadata()
        .editSpec().editFirstContainer().addNewEnv().withName("A").withValue("1").endEnv().endContainer().endSpec()
        .build();
    expectEmptyListsExceptPods();
    server.expect().get().withPath("/api/v1/pods?limit=2").andReturn(200, page("next-1", a, b)).once();
    server.expect().get().withPath("/api/v1/pods?continue=next-1&limit=2").andReturn(200, page(null, c)).once();
    server.expect().get().withPath("/api/v1/namespaces/kube-public/configmaps/cluster-info")
        .andReturn(200, TestObjects.clusterInfo("https://api.example.com:6443")).once();

    ClusterSnapshot snapshot = read(host -> List.of("192.0.2.10"));

    assertThat(snapshot.pods()).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b", "c");
    // The live reader keeps the read-set's fields of each object as its page arrives.
    Pod kept = snapshot.pods().get(2);
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
    assertThat(kept.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
    assertThat(snapshot.apiEndpoint()).hasValueSatisfying(e -> {
      assertThat(e.server()).isEqualTo("https://api.example.com:6443");
      assertThat(e.addresses()).containsExactly("192.0.2.10");
    });
    List<String> lists = listRequests();
    assertThat(lists).hasSize(ReadSet.clusterWideKinds().size() + 1) // one pass per kind; pods took two pages
        .filteredOn(path -> path.startsWith("/api/v1/pods")).hasSize(2);
  }

  @Test
  void anExpiredContinueTokenRestartsThatKindFromTheFirstPage() throws Exception {
    Pod a = TestObjects.pod("shop", "a", "n1", "nginx:1.27");
    Pod b = TestObjects.pod("shop", "b", "n1", "nginx:1.27");
    expectEmptyListsExceptPods();
    server.expect().get().withPath("/api/v1/pods?limit=2").andReturn(200, page("old", a)).once();
    server.expect().get().withPath("/api/v1/pods?continue=old&limit=2")
        .andReturn(410, new StatusBuilder().withCode(410).withReason("Expired").withMessage("too old").build()).once();
    server.expect().get().withPath("/api/v1/pods?limit=2").andReturn(200, page(null, a, b)).once();

    ClusterSnapshot snapshot = read(host -> List.of());

    assertThat(snapshot.pods()).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b");
  }

  @Test
  void aRefusedListIsBadInputNamingTheKind() {
    server.expect().get().withPath("/api/v1/nodes?limit=2")
        .andReturn(403, new StatusBuilder().withCode(403).withMessage("nodes is forbidden: User \"x\" cannot list")
            .build()).always();

    assertThatThrownBy(() -> read(host -> List.of()))
        .isInstanceOf(SnapshotInputException.class)
        .hasMessageContaining("cannot read nodes: nodes is forbidden")
        .hasMessageNotContaining("\n");
  }

  private ClusterSnapshot read(HostResolver resolver) throws SnapshotInputException {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    new LiveCluster(client, PAGE).read(builder);
    return SnapshotSources.build(builder, resolver);
  }

  private void expectEmptyListsExceptPods() {
    RecordedApiServer.expectEmptyLists(server, PAGE, Set.of(Pod.class));
  }

  private List<String> listRequests() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    int count = server.getRequestCount();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = server.takeRequest();
      if (request.getPath().contains("limit=")) {
        paths.add(request.getPath());
      }
    }
    return paths;
  }
}
