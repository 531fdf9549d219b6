package dev.haguard.analysis.whatif;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.LabelSelectors;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spread-constraint-unsatisfiable}: a workload's topology spread constraint or required pod
 * anti-affinity that the cluster's nodes cannot satisfy. For a DoNotSchedule constraint: its
 * topologyKey is on no node; minDomains above the domains that exist; or more replicas than it can
 * place (domains times maxSkew once minDomains is not met). For anti-affinity against its own pods:
 * more replicas than domains. A ScheduleAnyway constraint is a preference and never keeps a pod Pending.
 * Domains are the key's values on the nodes the pod may run on (nodeSelector, node affinity, taints).
 */
public final class SpreadConstraintUnsatisfiableRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    List<Node> nodes = context.snapshot().nodes();
    if (nodes.isEmpty()) {
      return;
    }
    for (Workload w : context.snapshot().workloads()) {
      Integer replicas = w.desiredReplicas();
      PodTemplateSpec template = w.template().orElse(null);
      if (replicas == null || template == null || template.getSpec() == null
          || !ZoneLossSimulation.isSpreadWorkload(w, context.policy())) {
        continue;
      }
      String problem = problem(template, replicas, nodes);
      if (problem != null) {
        findings.report(RuleId.SPREAD_CONSTRAINT_UNSATISFIABLE, w.ref(), w.ref() + ": " + problem
                + "; the pods it cannot place stay Pending",
            "Use a topologyKey the nodes carry (kubernetes.io/hostname, topology.kubernetes.io/zone), lower"
                + " minDomains or the replicas, or relax it to whenUnsatisfiable: ScheduleAnyway / preferred anti-affinity");
      }
    }
  }

  private static String problem(PodTemplateSpec template, int replicas, List<Node> nodes) {
    PodSpec spec = template.getSpec();
    Map<String, String> ownLabels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
    for (TopologySpreadConstraint c : spec.getTopologySpreadConstraints() == null
        ? List.<TopologySpreadConstraint>of() : spec.getTopologySpreadConstraints()) {
      // ScheduleAnyway only scores nodes: its pods are placed whatever the labels say.
      if (c.getTopologyKey() == null || !"DoNotSchedule".equals(c.getWhenUnsatisfiable())) {
        continue;
      }
      if (nodes.stream().noneMatch(n -> NodeFit.labels(n).containsKey(c.getTopologyKey()))) {
        return "topologySpreadConstraint on " + c.getTopologyKey() + " (DoNotSchedule): no node carries that label";
      }
      Set<String> domains = domains(spec, c.getTopologyKey(), nodes);
      int maxSkew = c.getMaxSkew() == null ? 1 : c.getMaxSkew();
      if (c.getMinDomains() != null && c.getMinDomains() > domains.size()) {
        int placeable = domains.size() * maxSkew;
        if (replicas > placeable) {
          return "topologySpreadConstraint on " + c.getTopologyKey() + " wants minDomains " + c.getMinDomains()
              + " but the nodes it may run on form " + domains.size() + ": with maxSkew " + maxSkew + " only "
              + placeable + " of " + replicas + " replicas can be placed";
        }
        return "topologySpreadConstraint on " + c.getTopologyKey() + " wants minDomains " + c.getMinDomains()
            + " but the nodes it may run on form only " + domains.size();
      }
      if (domains.isEmpty()) {
        return "topologySpreadConstraint on " + c.getTopologyKey() + " (DoNotSchedule): no node it may run on"
            + " carries that label";
      }
    }
    for (PodAffinityTerm term : Placement.requiredAntiAffinity(spec)) {
      boolean againstItself = LabelSelectors.matches(term.getLabelSelector(), ownLabels);
      if (!againstItself) {
        continue;
      }
      Set<String> domains = domains(spec, term.getTopologyKey(), nodes);
      if (replicas > domains.size()) {
        return "required pod anti-affinity on " + term.getTopologyKey() + " allows one pod per domain, and the"
            + " nodes it may run on form " + domains.size() + " for " + replicas + " replicas";
      }
    }
    return null;
  }

  /** The values of {@code key} on the nodes the pod may run on. */
  private static Set<String> domains(PodSpec spec, String key, List<Node> nodes) {
    Set<String> domains = new LinkedHashSet<>();
    for (Node n : nodes) {
      String value = NodeFit.labels(n).get(key);
      if (value != null && NodeFit.misfit(spec, n, true) == null) {
        domains.add(value);
      }
    }
    return domains;
  }
}
