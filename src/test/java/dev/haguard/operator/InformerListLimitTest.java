package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The informers' LISTs are paginated (the embedded server ignores {@code limit} and answers
 * everything, so this checks the requests, not the paging).
 */
class InformerListLimitTest extends OperatorTestBase {
  @Test
  void everyClusterWideListAsksForPages() throws Exception {
    client.resource(OperatorFixtures.policy("default")).create();
    OperatorFixtures.drain(harness.cluster.server());
    startOperator();

    List<String> lists = OperatorFixtures.drain(harness.cluster.server()).stream()
        .filter(r -> "GET".equals(r.getMethod()) && !r.getPath().contains("watch=true"))
        .map(RecordedRequest::getPath)
        .filter(path -> path.startsWith("/api/v1/pods") || path.startsWith("/api/v1/nodes")
            || path.startsWith("/apis/apps/v1/deployments") || path.startsWith("/apis/apps/v1/replicasets"))
        .toList();
    assertThat(lists).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(path -> assertThat(path).contains("limit=" + ClusterCache.LIST_PAGE_SIZE));
  }
}
