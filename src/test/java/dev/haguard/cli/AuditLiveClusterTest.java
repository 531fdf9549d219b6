package dev.haguard.cli;

import static dev.haguard.cli.RecordedApiServer.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} without {@code -f}: the cluster of the current kubeconfig, here fabric8's mock API server. */
@EmbeddedTier
class AuditLiveClusterTest {
  private static final long PAGE = LiveCluster.DEFAULT_PAGE_SIZE;

  @TempDir Path dir;
  private KubernetesMockServer server;
  private String previousKubeconfig;

  @BeforeEach
  void start() throws Exception {
    server = new KubernetesMockServer(false);
    server.init();
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        contexts: [{name: mock, context: {cluster: mock, user: me}}]
        current-context: mock
        users: [{name: me, user: {token: t}}]
        """.formatted(server.url("/")));
    previousKubeconfig = System.setProperty("kubeconfig", kubeconfig.toString());
  }

  @AfterEach
  void stop() {
    if (previousKubeconfig == null) {
      System.clearProperty("kubeconfig");
    } else {
      System.setProperty("kubeconfig", previousKubeconfig);
    }
    server.destroy();
  }

  @Test
  void readsTheClusterOfTheCurrentKubeconfigInPages() throws Exception {
    RecordedApiServer.expectEmptyLists(server, PAGE, Set.of(Node.class));
    String nodes = RecordedApiServer.listPath(Node.class);
    server.expect().get().withPath(nodes + "?limit=" + PAGE)
        .andReturn(200, page("more", TestObjects.node("a", "z1"))).once();
    server.expect().get().withPath(nodes + "?continue=more&limit=" + PAGE)
        .andReturn(200, page(null, TestObjects.node("b", "z2"))).once();

    AuditRun run = AuditRun.of(List.of(), host -> List.of(), "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    ClusterPolicyStatus status = new ObjectMapper().readValue(run.out(), ClusterPolicyStatus.class);
    assertThat(status.zones().nodes()).containsOnlyKeys("z1", "z2");
  }
}
