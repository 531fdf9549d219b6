package dev.haguard.analysis.whatif;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a pod may run on a node at all, as the scheduler's filters judge it from the node alone:
 * nodeSelector, required node affinity (matchExpressions on labels, matchFields on the name),
 * NoSchedule and NoExecute taints against the pod's tolerations, and the unschedulable flag
 * (a cordoned node, which the scheduler reads as the taint node.kubernetes.io/unschedulable).
 */
final class NodeFit {
  static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

  private NodeFit() {}

  /** Why {@code spec} cannot run on {@code node}, or null when it can (taints aside when {@code withTaints} is false). */
  static String misfit(PodSpec spec, Node node, boolean withTaints) {
    Map<String, String> labels = labels(node);
    if (spec.getNodeSelector() != null) {
      for (Map.Entry<String, String> e : spec.getNodeSelector().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return "nodeSelector " + e.getKey() + "=" + e.getValue();
        }
      }
    }
    NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
        : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required != null && required.getNodeSelectorTerms() != null && !required.getNodeSelectorTerms().isEmpty()
        && required.getNodeSelectorTerms().stream().noneMatch(t -> termMatches(t, node, labels))) {
      return "required node affinity";
    }
    if (!withTaints) {
      return null;
    }
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())
        && !tolerates(spec.getTolerations(), UNSCHEDULABLE_TAINT, null, "NoSchedule")) {
      return "node cordoned";
    }
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      for (Taint t : node.getSpec().getTaints()) {
        boolean repels = "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
        if (repels && !tolerates(spec.getTolerations(), t.getKey(), t.getValue(), t.getEffect())) {
          return "untolerated taint " + t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":" + t.getEffect();
        }
      }
    }
    return null;
  }

  static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  /** A term matches when every expression and every field requirement does; an empty term matches nothing. */
  private static boolean termMatches(NodeSelectorTerm term, Node node, Map<String, String> labels) {
    List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
    List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
    if (expressions.isEmpty() && fields.isEmpty()) {
      return false;
    }
    for (NodeSelectorRequirement req : expressions) {
      if (!meets(req, labels.get(req.getKey()), labels.containsKey(req.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement req : fields) {
      boolean isName = "metadata.name".equals(req.getKey());
      if (!meets(req, isName ? node.getMetadata().getName() : null, isName)) {
        return false;
      }
    }
    return true;
  }

  private static boolean meets(NodeSelectorRequirement req, String value, boolean present) {
    List<String> values = req.getValues() == null ? List.of() : req.getValues();
    return switch (req.getOperator() == null ? "" : req.getOperator()) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt" -> present && values.size() == 1 && compare(value, values.get(0)) > 0;
      case "Lt" -> present && values.size() == 1 && compare(value, values.get(0)) < 0;
      default -> false;
    };
  }

  /** Gt and Lt compare integers; a label that is not one matches neither. */
  private static int compare(String value, String bound) {
    try {
      return Long.compare(Long.parseLong(value), Long.parseLong(bound));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Toleration matching as the scheduler does it: an empty key with Exists tolerates every taint. */
  static boolean tolerates(List<Toleration> tolerations, String key, String value, String effect) {
    if (tolerations == null) {
      return false;
    }
    for (Toleration t : tolerations) {
      boolean effectOk = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(effect);
      if (!effectOk) {
        continue;
      }
      boolean exists = "Exists".equals(t.getOperator());
      if (t.getKey() == null || t.getKey().isEmpty()) {
        if (exists) {
          return true;
        }
        continue;
      }
      if (!t.getKey().equals(key)) {
        continue;
      }
      if (exists || Objects.equals(t.getValue() == null ? "" : t.getValue(), value == null ? "" : value)) {
        return true;
      }
    }
    return false;
  }
}
