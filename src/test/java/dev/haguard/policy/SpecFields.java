package dev.haguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every field of {@link ClusterPolicySpec}, found by reflection (so that a field added later is
 * covered without anyone remembering), each with a spec that is wrong in that field alone: once
 * with a value of the right type that validation must refuse, once with a value of a type the Java
 * field cannot hold (binding must refuse it without failing to read the resource).
 */
public final class SpecFields {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One broken spec: the field's path (e.g. {@code spec.etcd.maxMembers}), the spec, and how it is broken. */
  public record Broken(String field, ObjectNode spec, String how) {
    @Override
    public String toString() {
      return field + " (" + how + ")";
    }
  }

  private SpecFields() {}

  /** The paths of every field, nested records included (as {@code spec.etcd} and its own fields). */
  public static List<String> paths() {
    return all().stream().map(Broken::field).distinct().toList();
  }

  /** For every field, a spec with an invalid value there and one with a value of the wrong type. */
  public static List<Broken> all() {
    List<Broken> broken = new ArrayList<>();
    collect(ClusterPolicySpec.class, List.of(), broken);
    return broken;
  }

  private static void collect(Class<?> record, List<String> path, List<Broken> broken) {
    for (RecordComponent c : record.getRecordComponents()) {
      List<String> here = new ArrayList<>(path);
      here.add(c.getName());
      String field = "spec." + String.join(".", here);
      Class<?> type = c.getType();
      if (type.isRecord()) {
        broken.add(new Broken(field, at(here, NODES.textNode("not-a-map")), "a string where a map belongs"));
        collect(type, here, broken);
        continue;
      }
      JsonNode invalid = invalidValue(c, type);
      if (invalid != null) {
        broken.add(new Broken(field, at(here, invalid), "invalid " + invalid));
      }
      JsonNode wrongType = wrongType(type);
      broken.add(new Broken(field, at(here, wrongType), "wrong type " + wrongType));
    }
  }

  /** A value of the field's own type that no sane policy has; null where every value of the type is valid. */
  private static JsonNode invalidValue(RecordComponent c, Class<?> type) {
    if (type == String.class) {
      return NODES.textNode("Not Valid!");
    }
    if (type == Integer.class) {
      return NODES.numberNode(0);
    }
    if (type.isEnum()) {
      return NODES.textNode("Sometimes");
    }
    if (type == List.class) {
      return NODES.arrayNode().add("Not Valid!");
    }
    if (type == Map.class) {
      Type valueType = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[1];
      return valueType == String.class ? NODES.objectNode().put("Not Valid!", "x")
          : NODES.objectNode().put("no-such-rule", "info");
    }
    return null; // Boolean: true and false are both fine
  }

  private static JsonNode wrongType(Class<?> type) {
    if (type == List.class) {
      return NODES.objectNode().put("a", "b");
    }
    if (type == Map.class) {
      return NODES.arrayNode().add("a");
    }
    if (type == String.class) {
      return NODES.arrayNode().add("a");
    }
    return NODES.textNode("seven"); // Integer, Boolean, enums
  }

  private static ObjectNode at(List<String> path, JsonNode value) {
    ObjectNode spec = NODES.objectNode();
    ObjectNode parent = spec;
    for (int i = 0; i < path.size() - 1; i++) {
      parent = parent.putObject(path.get(i));
    }
    parent.set(path.get(path.size() - 1), value);
    return spec;
  }
}
