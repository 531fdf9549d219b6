package dev.haguard.remediation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 6902 JSON Patch, guarded by the resourceVersion of the object it was computed from: the API
 * server answers 409 when the object changed since. No {@code test} operations (fabric8's mock server
 * never answers a failing one), and no {@code remove} of a path that is not there (a real server refuses it).
 */
public final class JsonPatch {
  private final List<Map<String, Object>> operations = new ArrayList<>();

  private JsonPatch() {}

  /** A patch that applies only while {@code current} is unchanged. */
  public static JsonPatch guardedBy(HasMetadata current) {
    return new JsonPatch().op("replace", "/metadata/resourceVersion", current.getMetadata().getResourceVersion());
  }

  /** Sets or replaces the member at {@code path}. */
  public JsonPatch add(String path, Object value) {
    return op("add", path, value);
  }

  public JsonPatch replace(String path, Object value) {
    return op("replace", path, value);
  }

  /** Sets annotations in {@code set} and removes those in {@code remove} that {@code current} has. */
  public JsonPatch annotations(HasMetadata current, Map<String, String> set, Set<String> remove) {
    Map<String, String> existing = current.getMetadata().getAnnotations();
    if (existing == null || existing.isEmpty()) {
      // JSON Patch does not create parents (and an empty map is not serialized): the whole map goes in one add.
      return set.isEmpty() ? this : add("/metadata/annotations", new LinkedHashMap<>(set));
    }
    set.forEach((k, v) -> add("/metadata/annotations/" + escape(k), v));
    remove.stream().filter(existing::containsKey).filter(k -> !set.containsKey(k))
        .forEach(k -> op("remove", "/metadata/annotations/" + escape(k), null));
    return this;
  }

  public String toJson() {
    return Serialization.asJson(operations);
  }

  /** The JSON Pointer form of a key: {@code ~} and {@code /} escaped. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private JsonPatch op(String op, String path, Object value) {
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("op", op);
    operation.put("path", path);
    if (!op.equals("remove")) {
      operation.put("value", value);
    }
    operations.add(operation);
    return this;
  }

  @Override
  public String toString() {
    return toJson();
  }
}
