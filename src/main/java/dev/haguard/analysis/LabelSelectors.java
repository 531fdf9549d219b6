package dev.haguard.analysis;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Label selection as the API server does it for PDBs, spread constraints and pod affinity:
 * matchLabels AND every matchExpression (In, NotIn, Exists, DoesNotExist). An empty selector
 * selects everything; a null one nothing (as policy/v1 PDBs and affinity terms read it).
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(have.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement req : selector.getMatchExpressions()) {
        if (!meets(req, have)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean meets(LabelSelectorRequirement req, Map<String, String> labels) {
    List<String> values = req.getValues() == null ? List.of() : req.getValues();
    String value = labels.get(req.getKey());
    return switch (req.getOperator() == null ? "" : req.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(req.getKey());
      case "DoesNotExist" -> !labels.containsKey(req.getKey());
      // The API server rejects any other operator; a selector it could not hold selects nothing.
      default -> false;
    };
  }

  /** The selector written the way kubectl shows it: {@code app=web,tier in (a,b)}; for messages. */
  public static String describe(LabelSelector selector) {
    if (selector == null) {
      return "<none>";
    }
    StringBuilder sb = new StringBuilder();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement req : selector.getMatchExpressions()) {
        sb.append(sb.isEmpty() ? "" : ",");
        String operator = req.getOperator() == null ? "" : req.getOperator();
        switch (operator) {
          case "Exists" -> sb.append(req.getKey());
          case "DoesNotExist" -> sb.append('!').append(req.getKey());
          default -> sb.append(req.getKey()).append(' ').append(operator.toLowerCase())
              .append(" (").append(String.join(",", req.getValues() == null ? List.of() : req.getValues())).append(')');
        }
      }
    }
    return sb.isEmpty() ? "<everything>" : sb.toString();
  }
}
