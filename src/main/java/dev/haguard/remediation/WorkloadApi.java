package dev.haguard.remediation;

import dev.haguard.operator.Fabric8WorkloadApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * The API calls remediation makes, and no others. Reads go to the API server, never to an informer
 * cache: a hand-off decides from what is stored now (a cache that has not seen the Deployment this
 * operator created a second ago would make it create a second one). {@link Fabric8WorkloadApi} is the
 * implementation; tests wrap it to count, fail or kill calls.
 */
public interface WorkloadApi {

  <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name);

  /** The Deployments in {@code namespace} labelled {@link HandoffAnnotations#REPLACEMENT_LABEL}. */
  List<Deployment> replacements(String namespace);

  /** The pods in {@code namespace} with label {@code key=value}. */
  List<Pod> pods(String namespace, String key, String value);

  /** Creates {@code deployment}; {@link ConflictException} when its name is taken. */
  Deployment create(Deployment deployment);

  /** Applies an RFC 6902 JSON Patch; {@link ConflictException} when its resourceVersion guard is stale. */
  void patch(Class<? extends HasMetadata> kind, String namespace, String name, JsonPatch patch);

  /** Deletes an object with the given grace period (null: the object's own); a missing object is not an error. */
  void delete(Class<? extends HasMetadata> kind, String namespace, String name, Long gracePeriodSeconds);

  /** The API server answered 409: the object changed since it was read, or the name is taken. */
  final class ConflictException extends RuntimeException {
    public ConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
