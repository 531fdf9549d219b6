package dev.haguard.analysis.volumes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which zones a pod's scheduling constraints allow: its nodeSelector and its required node
 * affinity, read on the zone keys of {@link VolumeZones#ZONE_KEYS} and the policy's topology key.
 * Anything else (other labels, matchFields, preferred affinity) does not restrict the zone.
 */
public final class PodZoneConstraints {
  private final Set<String> zoneKeys;

  public PodZoneConstraints(String topologyKey) {
    zoneKeys = new LinkedHashSet<>(VolumeZones.ZONE_KEYS);
    zoneKeys.add(topologyKey);
  }

  /** Whether a node in {@code zone} satisfies the spec's nodeSelector and required node affinity. */
  public boolean allows(PodSpec spec, String zone) {
    if (spec == null) {
      return true;
    }
    Map<String, String> nodeSelector = spec.getNodeSelector();
    if (nodeSelector != null) {
      for (String key : zoneKeys) {
        String wanted = nodeSelector.get(key);
        if (wanted != null && !wanted.equals(zone)) {
          return false;
        }
      }
    }
    NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
        : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required == null || required.getNodeSelectorTerms() == null || required.getNodeSelectorTerms().isEmpty()) {
      return true;
    }
    // Terms are ORed; the requirements of one term are ANDed.
    return required.getNodeSelectorTerms().stream().anyMatch(term -> termAllows(term, zone));
  }

  /**
   * Whether the scheduler could place a pod of {@code spec} on {@code node}: the node is not
   * cordoned, carries every label of the nodeSelector, and has no NoSchedule/NoExecute taint the
   * pod does not tolerate. (Required node affinity is judged on zones, by {@link #allows}.)
   */
  public static boolean canRunOn(PodSpec spec, Node node) {
    NodeSpec nodeSpec = node.getSpec();
    if (nodeSpec != null && Boolean.TRUE.equals(nodeSpec.getUnschedulable())) {
      return false;
    }
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    if (spec != null && spec.getNodeSelector() != null
        && !spec.getNodeSelector().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    List<Taint> taints = nodeSpec == null || nodeSpec.getTaints() == null ? List.of() : nodeSpec.getTaints();
    List<Toleration> tolerations = spec == null || spec.getTolerations() == null ? List.of() : spec.getTolerations();
    return taints.stream()
        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .allMatch(t -> tolerations.stream().anyMatch(tol -> tolerates(tol, t)));
  }

  /** Kubernetes' toleration matching: key (empty with Exists matches any), operator, value, effect (empty matches any). */
  private static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey();
    boolean exists = "Exists".equals(toleration.getOperator());
    if (key == null || key.isEmpty()) {
      return exists;
    }
    if (!key.equals(taint.getKey())) {
      return false;
    }
    return exists || Objects.equals(Objects.requireNonNullElse(toleration.getValue(), ""),
        Objects.requireNonNullElse(taint.getValue(), ""));
  }

  private boolean termAllows(NodeSelectorTerm term, String zone) {
    List<NodeSelectorRequirement> requirements = term.getMatchExpressions();
    if (requirements == null) {
      return true;
    }
    for (NodeSelectorRequirement req : requirements) {
      if (!zoneKeys.contains(req.getKey())) {
        continue;
      }
      List<String> values = req.getValues() == null ? List.of() : req.getValues();
      boolean allowed = switch (req.getOperator() == null ? "" : req.getOperator()) {
        case "In" -> values.contains(zone);
        case "NotIn" -> !values.contains(zone);
        case "DoesNotExist" -> false;
        default -> true;
      };
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
