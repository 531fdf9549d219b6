package dev.haguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Damages a valid snapshot (a {@code kubectl get -o json} List), deterministically for a seed:
 * one to three damages to the objects (dropped fields, wrong types, nulls, huge strings, unknown
 * kinds, duplicates, deep nesting, references to objects that do not exist, owner cycles), the List
 * sometimes inside another List or an array, written as JSON or YAML, and sometimes damaged again
 * as text (truncated, binary garbage).
 */
final class SnapshotMutator {
  /** A huge string is at most this long, so that a run's memory stays bounded (a few times this). */
  static final int HUGE_STRING_MAX = 2 << 20;
  private static final int HUGE_STRING_MIN = 256 << 10;
  /** Deep enough to pass every parser's nesting limit (Jackson's is 1000); the writers must allow it. */
  private static final int NESTING_MAX = 3_000;
  private static final StreamWriteConstraints DEEP = StreamWriteConstraints.builder().maxNestingDepth(NESTING_MAX + 100).build();
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamWriteConstraints(DEEP).build());
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder().streamWriteConstraints(DEEP).build());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One damaged input: its bytes, whether they are JSON (else YAML), and what was done, for the test's name. */
  record Damaged(byte[] bytes, boolean json, List<String> damages) {}

  private final JsonNode valid;

  SnapshotMutator(JsonNode validList) {
    this.valid = validList;
  }

  Damaged damage(long seed) {
    Random random = new Random(seed);
    ObjectNode list = (ObjectNode) valid.deepCopy();
    ArrayNode items = (ArrayNode) list.get("items");
    List<String> damages = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      damages.add(damageObjects(items, random));
    }
    boolean json = random.nextBoolean();
    byte[] bytes = write(nested(list, seed, damages), json);
    if (random.nextInt(5) == 0) {
      boolean truncate = random.nextBoolean();
      bytes = truncate ? truncate(bytes, random) : garbage(bytes, random);
      damages.add(truncate ? "truncated" : "binary garbage");
    }
    return new Damaged(bytes, json, damages);
  }

  /**
   * One input in four, the List as kubectl's output is wrapped by hand or by jq: as the second item
   * of another List, after a Secret, or in an array ({@code jq -s}). Decided by a generator of its
   * own, so that the damages of every seed stay what they were.
   */
  private static JsonNode nested(ObjectNode list, long seed, List<String> damages) {
    // Random's first draws of nearby seeds are alike (every seed 1..150 drew the same); SplittableRandom mixes its seed.
    SplittableRandom wrapping = new SplittableRandom(seed);
    if (wrapping.nextInt(4) != 0) {
      return list;
    }
    if (wrapping.nextBoolean()) {
      damages.add("in an array");
      return NODES.arrayNode().add(list);
    }
    damages.add("inside a List");
    ObjectNode outer = NODES.objectNode().put("apiVersion", "v1").put("kind", "List");
    outer.putArray("items").add(NODES.objectNode().put("apiVersion", "v1").put("kind", "Secret")
        .set("metadata", NODES.objectNode().put("name", "s").put("namespace", "default"))).add(list);
    return outer;
  }

  private static String damageObjects(ArrayNode items, Random random) {
    int index = random.nextInt(items.size());
    ObjectNode item = (ObjectNode) items.get(index);
    Slot slot = randomSlot(item, random);
    String where = item.path("kind").asText() + "#" + index + " " + slot;
    switch (random.nextInt(10)) {
      case 0 -> {
        slot.remove();
        return "dropped " + where;
      }
      case 1 -> {
        slot.set(wrongType(slot.get(), random));
        return "wrong type at " + where;
      }
      case 2 -> {
        slot.set(NODES.nullNode());
        return "null at " + where;
      }
      case 3 -> {
        slot.set(NODES.textNode(hugeString(random)));
        return "huge string at " + where;
      }
      case 4 -> {
        item.put("kind", random.nextBoolean() ? "Gadget" : item.path("kind").asText() + "X");
        if (random.nextBoolean()) {
          item.put("apiVersion", "example.com/v" + random.nextInt(3));
        }
        return "unknown kind " + index;
      }
      case 5 -> {
        items.add(item.deepCopy());
        return "duplicate " + index;
      }
      case 6 -> {
        slot.set(deeplyNested(1 + random.nextInt(NESTING_MAX), random));
        return "deep nesting at " + where;
      }
      case 7 -> {
        return danglingReference(item, random) + " " + index;
      }
      case 8 -> {
        return ownerCycle(items, random);
      }
      default -> {
        item.remove(random.nextBoolean() ? "metadata" : random.nextBoolean() ? "spec" : "status");
        return "dropped a top-level part of " + index;
      }
    }
  }

  /** A pod on a node that does not exist, a claim bound to a missing volume, an owner no one has. */
  private static String danglingReference(ObjectNode item, Random random) {
    ObjectNode spec = objectAt(item, "spec");
    switch (random.nextInt(3)) {
      case 0 -> {
        spec.put("nodeName", "no-such-node-" + random.nextInt(100));
        return "node missing for";
      }
      case 1 -> {
        spec.put("volumeName", "no-such-volume-" + random.nextInt(100));
        return "volume missing for";
      }
      default -> {
        ObjectNode owner = objectAt(item, "metadata").putArray("ownerReferences").addObject();
        owner.put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", "ghost")
            .put("uid", "ghost-" + random.nextInt(100)).put("controller", true);
        return "owner missing for";
      }
    }
  }

  /** Two controllers that own each other (a cycle), or an object that owns itself. */
  private static String ownerCycle(ArrayNode items, Random random) {
    ObjectNode a = (ObjectNode) items.get(random.nextInt(items.size()));
    ObjectNode b = random.nextBoolean() ? a : (ObjectNode) items.get(random.nextInt(items.size()));
    ownBy(a, b);
    ownBy(b, a);
    return "owner cycle " + a.path("metadata").path("name").asText() + "<->" + b.path("metadata").path("name").asText();
  }

  private static void ownBy(ObjectNode owned, ObjectNode owner) {
    ObjectNode metadata = objectAt(owned, "metadata");
    ArrayNode refs = NODES.arrayNode();
    refs.addObject().put("apiVersion", owner.path("apiVersion").asText()).put("kind", owner.path("kind").asText())
        .put("name", owner.path("metadata").path("name").asText())
        .put("uid", owner.path("metadata").path("uid").asText("uid-" + owner.hashCode())).put("controller", true);
    metadata.set("ownerReferences", refs);
    if (!metadata.has("uid")) {
      metadata.put("uid", "uid-" + owned.hashCode());
    }
  }

  /** The map under {@code field}, made one when an earlier damage left something else there. */
  private static ObjectNode objectAt(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static JsonNode wrongType(JsonNode current, Random random) {
    List<JsonNode> others = new ArrayList<>(List.of(
        NODES.numberNode(random.nextInt()), NODES.numberNode(random.nextDouble() * 1e300),
        NODES.textNode("x" + random.nextInt(1000)), NODES.booleanNode(random.nextBoolean()),
        NODES.arrayNode().add(1).add("two"), NODES.objectNode().put("unexpected", true), NODES.textNode("")));
    others.removeIf(o -> current != null && o.getNodeType() == current.getNodeType());
    return others.get(random.nextInt(others.size()));
  }

  private static String hugeString(Random random) {
    int length = HUGE_STRING_MIN + random.nextInt(HUGE_STRING_MAX - HUGE_STRING_MIN);
    char c = (char) ('a' + random.nextInt(26));
    return String.valueOf(c).repeat(length);
  }

  private static JsonNode deeplyNested(int depth, Random random) {
    JsonNode node = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("n", node);
    }
    return node;
  }

  private static byte[] truncate(byte[] bytes, Random random) {
    byte[] cut = new byte[random.nextInt(bytes.length)];
    System.arraycopy(bytes, 0, cut, 0, cut.length);
    return cut;
  }

  private static byte[] garbage(byte[] bytes, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = random.nextInt(bytes.length + 1);
    out.write(bytes, 0, at);
    byte[] noise = new byte[1 + random.nextInt(4096)];
    random.nextBytes(noise);
    out.write(noise, 0, noise.length);
    if (random.nextBoolean()) {
      out.write(bytes, at, bytes.length - at);
    }
    return out.toByteArray();
  }

  private static byte[] write(JsonNode tree, boolean json) {
    try {
      return json ? JSON.writeValueAsBytes(tree) : YAML.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A random place inside an object: a field of one of its (nested) maps, or an element of a list. */
  private static Slot randomSlot(ObjectNode item, Random random) {
    List<Slot> slots = new ArrayList<>();
    collect(item, "", slots);
    return slots.isEmpty() ? new Slot(item, "kind", -1, ".kind") : slots.get(random.nextInt(slots.size()));
  }

  private static void collect(JsonNode node, String path, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        slots.add(new Slot(object, name, -1, path + "." + name));
        collect(object.get(name), path + "." + name, slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i, path + "[" + i + "]"));
        collect(array.get(i), path + "[" + i + "]", slots);
      }
    }
  }

  /** A field of a map or an element of a list, that can be read, replaced or removed. */
  private record Slot(JsonNode parent, String field, int index, String path) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }

    @Override
    public String toString() {
      return path;
    }
  }
}
