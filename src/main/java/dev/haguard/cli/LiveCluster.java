package dev.haguard.cli;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.ReadSet;
import dev.haguard.snapshot.source.ParseErrors;
import dev.haguard.snapshot.source.SnapshotInputException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a snapshot from a live cluster: one paginated LIST pass per kind ({@code limit} plus
 * {@code continue}), so that a 100k-pod cluster is read in pages and never in one response; and
 * only the named objects of Endpoints, EndpointSlices and ConfigMaps the analysis reads. An adapter:
 * the snapshot packages never call a client.
 */
final class LiveCluster {
  /** Objects per LIST page: large enough for few round trips, small enough for the apiserver. */
  static final long DEFAULT_PAGE_SIZE = 500;

  /** An expired continue token (410 Gone) restarts that kind's pass; this many times at most. */
  private static final int RESTARTS = 2;

  private final KubernetesClient client;
  private final long pageSize;

  LiveCluster(KubernetesClient client, long pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  /** Adds the kept fields of the objects of the cluster that the analysis reads to {@code builder}, page by page. */
  void read(ClusterSnapshot.Builder builder) throws SnapshotInputException {
    for (ReadSet.Entry kind : ReadSet.ENTRIES) {
      builder.addAll(kind.clusterWide() ? listAll(kind.type()) : named(kind.type(), kind.named()));
    }
  }

  /** The named objects of {@code kind}: one by name, or a Service's by label (its EndpointSlices). */
  private <T extends HasMetadata> List<T> named(Class<T> kind, ReadSet.Named named) throws SnapshotInputException {
    try {
      var inNamespace = client.resources(kind).inNamespace(named.namespace());
      if (named.ofService()) {
        return inNamespace.withLabel(ReadSet.SERVICE_NAME_LABEL, named.name()).list().getItems().stream()
            .map(LiveCluster::kept).toList();
      }
      T object = inNamespace.withName(named.name()).get();
      return object == null ? List.of() : List.of(kept(object));
    } catch (KubernetesClientException e) {
      throw failure(named.namespace() + "/" + named.name() + " " + HasMetadata.getPlural(kind), e);
    }
  }

  /** Every object of {@code kind} in every namespace, page by page. */
  private <T extends HasMetadata> List<T> listAll(Class<T> kind) throws SnapshotInputException {
    for (int attempt = 0; ; attempt++) {
      List<T> objects = new ArrayList<>();
      String continueToken = null;
      try {
        do {
          KubernetesResourceList<T> page = client.resources(kind).inAnyNamespace()
              .list(new ListOptionsBuilder().withLimit(pageSize).withContinue(continueToken).build());
          // Trimmed page by page: whole objects never outlive their page.
          page.getItems().forEach(o -> objects.add(kept(o)));
          continueToken = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (continueToken != null && !continueToken.isEmpty());
        return objects;
      } catch (KubernetesClientException e) {
        boolean expired = e.getCode() == HttpURLConnection.HTTP_GONE && continueToken != null;
        if (!expired || attempt >= RESTARTS) {
          throw failure(HasMetadata.getPlural(kind), e);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> T kept(T object) {
    return (T) ReadSet.kept(object);
  }

  private SnapshotInputException failure(String what, KubernetesClientException e) {
    boolean answered = e.getStatus() != null && e.getStatus().getMessage() != null;
    String reason = answered ? e.getStatus().getMessage() : innermost(e);
    return new SnapshotInputException(
        String.valueOf(client.getMasterUrl()), null, "cannot read " + what + ": " + ParseErrors.firstLine(reason)
            + (answered ? "" : "; no cluster to read: to audit files instead, use -f FILE (kubectl get -o yaml output)"));
  }

  /** What went wrong on the wire: the deepest cause that says something (unknown host, TLS...). */
  private static String innermost(KubernetesClientException e) {
    String said = null;
    boolean refused = false;
    for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        said = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      refused |= t instanceof ConnectException;
    }
    if (said != null) {
      return said;
    }
    return refused ? "cannot connect (refused or unreachable)" : e.getMessage();
  }
}
