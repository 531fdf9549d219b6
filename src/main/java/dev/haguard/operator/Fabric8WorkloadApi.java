package dev.haguard.operator;

import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.JsonPatch;
import dev.haguard.remediation.WorkloadApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/** {@link WorkloadApi} over a fabric8 client: plain create, JSON Patch and delete; no server-side apply. */
public final class Fabric8WorkloadApi implements WorkloadApi {
  private final KubernetesClient client;

  public Fabric8WorkloadApi(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
    return Optional.ofNullable(resource(kind, namespace, name).get());
  }

  @Override
  public List<Deployment> replacements(String namespace) {
    return client.apps().deployments().inNamespace(namespace).withLabel(HandoffAnnotations.REPLACEMENT_LABEL).list()
        .getItems();
  }

  @Override
  public List<Pod> pods(String namespace, String key, String value) {
    return client.pods().inNamespace(namespace).withLabel(key, value).list().getItems();
  }

  @Override
  public Deployment create(Deployment deployment) {
    try {
      return client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment)
          .create();
    } catch (KubernetesClientException e) {
      throw conflictOr(e, "Deployment " + deployment.getMetadata().getName() + " exists");
    }
  }

  @Override
  public void patch(Class<? extends HasMetadata> kind, String namespace, String name, JsonPatch patch) {
    try {
      resource(kind, namespace, name).patch(PatchContext.of(PatchType.JSON), patch.toJson());
    } catch (KubernetesClientException e) {
      throw conflictOr(e, kind.getSimpleName() + " " + namespace + "/" + name + " changed since it was read");
    }
  }

  @Override
  public void delete(Class<? extends HasMetadata> kind, String namespace, String name, Long gracePeriodSeconds) {
    Resource<? extends HasMetadata> resource = resource(kind, namespace, name);
    if (gracePeriodSeconds == null) {
      resource.delete();
    } else {
      resource.withGracePeriod(gracePeriodSeconds).delete();
    }
  }

  private <T extends HasMetadata> Resource<T> resource(Class<T> kind, String namespace, String name) {
    return client.resources(kind).inNamespace(namespace).withName(name);
  }

  private static RuntimeException conflictOr(KubernetesClientException e, String message) {
    return e.getCode() == HttpURLConnection.HTTP_CONFLICT ? new ConflictException(message, e) : e;
  }
}
