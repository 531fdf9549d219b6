package dev.haguard.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of kubectl's JSONPath that CRD printer columns use here: fields ({@code .a.b.c}) and
 * an equality filter on a list ({@code .conditions[?(@.type=="Ready")].status}). Anything else
 * fails loudly, so a new column in another syntax is noticed rather than passed.
 */
final class JsonPathColumn {
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z0-9_]+)(?:\\[\\?\\(@\\.([A-Za-z0-9_]+)==\"([^\"]*)\"\\)\\])?");

  private JsonPathColumn() {}

  /** Every value {@code path} selects in {@code root}; empty when it selects nothing, as kubectl prints blank. */
  static List<JsonNode> evaluate(JsonNode root, String path) {
    List<JsonNode> current = List.of(root);
    Matcher step = STEP.matcher(path);
    int end = 0;
    while (end < path.length()) {
      if (!step.find(end) || step.start() != end) {
        throw new IllegalArgumentException("unsupported JSONPath at \"" + path.substring(end) + "\" in " + path);
      }
      current = field(current, step.group(1));
      if (step.group(2) != null) {
        current = filter(current, step.group(2), step.group(3));
      }
      end = step.end();
    }
    return current;
  }

  private static List<JsonNode> field(List<JsonNode> nodes, String name) {
    List<JsonNode> next = new ArrayList<>();
    for (JsonNode node : nodes) {
      JsonNode child = node.get(name);
      if (child != null && !child.isNull()) {
        next.add(child);
      }
    }
    return next;
  }

  /** The elements of each list whose {@code key} equals {@code value}. */
  private static List<JsonNode> filter(List<JsonNode> lists, String key, String value) {
    List<JsonNode> next = new ArrayList<>();
    for (JsonNode list : lists) {
      for (JsonNode element : list) {
        if (value.equals(element.path(key).asText(null))) {
          next.add(element);
        }
      }
    }
    return next;
  }
}
