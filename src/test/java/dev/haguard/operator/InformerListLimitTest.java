package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.support.EmbeddedTier;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The informers' first LISTs come in pages of {@link ClusterCache#LIST_PAGE_SIZE} (the embedded
 * server pages by {@code limit} and {@code continue} as an API server does), and the caches still
 * hold every object: the status counts each pod.
 */
@EmbeddedTier
class InformerListLimitTest extends OperatorTestBase {
  private static final int PODS = 2 * (int) ClusterCache.LIST_PAGE_SIZE + 100;

  @Test
  void everyClusterWideListIsReadInPagesAndHoldsEveryObject() throws Exception {
    IntStream.range(0, PODS).parallel().forEach(i -> client.resource(OperatorFixtures.latestPod(i)).create());
    client.resource(OperatorFixtures.policy("default")).create();
    OperatorFixtures.drain(harness.cluster.server());
    startOperator();

    await().atMost(OperatorFixtures.SETTLE).until(() -> {
      var status = harness.policy("default").getStatus();
      return status != null && status.summary() != null && status.summary().warning() == PODS;
    });
    List<String> lists = OperatorFixtures.drain(harness.cluster.server()).stream()
        .filter(r -> "GET".equals(r.getMethod()) && !r.getPath().contains("watch=true"))
        .map(RecordedRequest::getPath)
        .toList();
    assertThat(lists).filteredOn(path -> path.startsWith("/api/v1/pods"))
        .hasSize(3)
        .allSatisfy(path -> assertThat(path).contains("limit=" + ClusterCache.LIST_PAGE_SIZE))
        .filteredOn(path -> path.contains("continue=")).hasSize(2);
    assertThat(lists).filteredOn(path -> path.startsWith("/api/v1/nodes") || path.startsWith("/apis/apps/v1/deployments")
            || path.startsWith("/apis/apps/v1/replicasets"))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(path -> assertThat(path).contains("limit=" + ClusterCache.LIST_PAGE_SIZE));
  }
}
