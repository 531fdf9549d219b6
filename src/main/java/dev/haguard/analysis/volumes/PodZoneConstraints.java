package dev.haguard.analysis.volumes;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
