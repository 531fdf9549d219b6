package dev.haguard.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An API server in memory, for the hand-off's chaos schedules: pods and Deployments by kind, namespace
 * and name, with uids, resourceVersions, guarded JSON Patches (fabric8's zjsonpatch applies them; a
 * stale resourceVersion is a 409, as on a real server) and pod deletion with a grace period (the pod
 * turns terminating; {@link #finishTermination} removes it). Every answer is a copy, so the caller
 * never holds the stored object. Deterministic: uids come from a counter.
 */
public final class InMemoryWorkloadApi implements WorkloadApi {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final Map<String, HasMetadata> objects = new TreeMap<>();
  private long resourceVersion;
  private long uids;
  private long timestamps;

  public <T extends HasMetadata> T put(T object) {
    T stored = copy(object);
    if (stored.getMetadata().getUid() == null) {
      stored.getMetadata().setUid(new UUID(0, ++uids).toString());
    }
    stored.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    objects.put(key(stored.getClass(), stored.getMetadata().getNamespace(), stored.getMetadata().getName()), stored);
    return copy(stored);
  }

  /** The stored objects themselves, not copies: for a reader that only looks (the oracle). */
  public List<HasMetadata> stored() {
    return List.copyOf(objects.values());
  }

  public List<HasMetadata> all() {
    return objects.values().stream().map(InMemoryWorkloadApi::copy).toList();
  }

  public <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.values().stream().filter(kind::isInstance).map(kind::cast).map(InMemoryWorkloadApi::copy).toList();
  }

  /** Removes an object at once (a force delete, the garbage collector, a vanished node). */
  public void remove(Class<? extends HasMetadata> kind, String namespace, String name) {
    objects.remove(key(kind, namespace, name));
  }

  /** Terminating pods finish terminating: they are gone. */
  public void finishTermination() {
    objects.values().removeIf(o -> o instanceof Pod && o.getMetadata().getDeletionTimestamp() != null);
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, namespace, name))).map(kind::cast).map(InMemoryWorkloadApi::copy);
  }

  @Override
  public List<Deployment> replacements(String namespace) {
    return all(Deployment.class).stream().filter(d -> namespace.equals(d.getMetadata().getNamespace()))
        .filter(d -> labels(d).containsKey(HandoffAnnotations.REPLACEMENT_LABEL)).toList();
  }

  @Override
  public List<Pod> pods(String namespace, String key, String value) {
    return all(Pod.class).stream().filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .filter(p -> value.equals(labels(p).get(key))).toList();
  }

  @Override
  public Deployment create(Deployment deployment) {
    Deployment d = copy(deployment);
    if (objects.containsKey(key(Deployment.class, d.getMetadata().getNamespace(), d.getMetadata().getName()))) {
      throw new ConflictException("Deployment " + d.getMetadata().getName() + " exists", null);
    }
    d.getMetadata().setUid(null);
    d.getMetadata().setGeneration(1L);
    return put(d);
  }

  @Override
  public void patch(Class<? extends HasMetadata> kind, String namespace, String name,
      dev.haguard.remediation.JsonPatch patch) {
    String key = key(kind, namespace, name);
    HasMetadata current = objects.get(key);
    if (current == null) {
      throw new IllegalStateException("404: " + kind.getSimpleName() + " " + namespace + "/" + name + " not found");
    }
    JsonNode operations = JSON.unmarshal(patch.toJson(), JsonNode.class);
    for (JsonNode op : operations) {
      // The guard: the patch replaces resourceVersion with the one it was computed from.
      if (op.path("path").asText().equals("/metadata/resourceVersion")
          && !op.path("value").asText().equals(current.getMetadata().getResourceVersion())) {
        throw new ConflictException(kind.getSimpleName() + " " + namespace + "/" + name + " changed", null);
      }
    }
    JsonNode patched = JsonPatch.apply(operations, JSON.convertValue(current, JsonNode.class));
    put(JSON.convertValue(patched, current.getClass()));
  }

  @Override
  public void delete(Class<? extends HasMetadata> kind, String namespace, String name, Long gracePeriodSeconds) {
    String key = key(kind, namespace, name);
    HasMetadata current = objects.get(key);
    boolean graceful = current instanceof Pod && (gracePeriodSeconds == null || gracePeriodSeconds > 0);
    if (current != null && graceful && current.getMetadata().getDeletionTimestamp() == null) {
      current.getMetadata().setDeletionTimestamp("2026-01-01T00:00:" + String.format("%02d", ++timestamps % 60) + "Z");
      current.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    } else if (current != null && !graceful) {
      objects.remove(key);
    }
  }

  public static Map<String, String> labels(HasMetadata o) {
    return Optional.ofNullable(o.getMetadata().getLabels()).orElse(Map.of());
  }

  public static <T> T copy(T object) {
    return JSON.clone(object);
  }

  private static String key(Class<?> kind, String namespace, String name) {
    return kind.getSimpleName() + "/" + namespace + "/" + name;
  }

  /** Every stored object's kind/namespace/name, for failure messages. */
  public List<String> keys() {
    return new ArrayList<>(objects.keySet());
  }
}
