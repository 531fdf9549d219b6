package dev.haguard.cli;

import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Set;

/**
 * Recorded answers for fabric8's mock API server in expectations mode, for the LISTs a snapshot
 * makes (its CRUD mode ignores {@code limit} and {@code continue}, so pages must be recorded).
 */
final class RecordedApiServer {
  private RecordedApiServer() {}

  /** Answers the first page of every listed kind but {@code except} with an empty list, always. */
  static void expectEmptyLists(KubernetesMockServer server, long pageSize, Set<Class<?>> except) {
    for (Class<? extends HasMetadata> kind : ReadSet.clusterWideKinds()) {
      if (!except.contains(kind)) {
        server.expect().get().withPath(listPath(kind) + "?limit=" + pageSize).andReturn(200, page(null)).always();
      }
    }
    server.expect().get()
        .withPath("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector="
            + "kubernetes.io%2Fservice-name%3Dkubernetes")
        .andReturn(200, page(null)).always();
  }

  /** The collection path of a kind, e.g. {@code /apis/apps/v1/deployments}. */
  static String listPath(Class<? extends HasMetadata> kind) {
    String apiVersion = HasMetadata.getApiVersion(kind);
    String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    return prefix + "/" + HasMetadata.getPlural(kind);
  }

  /** One page of a LIST, with the continue token of the next page (null on the last). */
  static KubernetesList page(String continueToken, HasMetadata... items) {
    return new KubernetesListBuilder().withNewMetadata().withContinue(continueToken).endMetadata()
        .withItems(items).build();
  }
}
