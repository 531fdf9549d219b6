package dev.haguard.analysis;

import dev.haguard.analysis.apiserver.ApiServerView;
import dev.haguard.analysis.etcd.EtcdView;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.ClusterSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one analysis found, computed once: the findings, the views the rules shared (etcd
 * quorum, apiservers, zones), and what losing each zone, and each risky node, would do, with every
 * workload it takes down.
 * The status, the reports, the table, what-if and the remediation plan all read it; none recomputes it.
 */
public final class AnalysisResult {
  private final AnalysisContext context;
  private final Findings findings;
  private final List<ZoneLoss> zoneLosses;
  private final List<NodeLoss> nodeLosses;
  private final Instant analysedAt;
  private List<Finding> ordered;
  private Map<String, List<Finding>> byRule;

  AnalysisResult(AnalysisContext context, Findings findings, List<ZoneLoss> zoneLosses, List<NodeLoss> nodeLosses,
      Instant analysedAt) {
    this.context = context;
    this.findings = findings;
    this.zoneLosses = List.copyOf(zoneLosses);
    this.nodeLosses = List.copyOf(nodeLosses);
    this.analysedAt = analysedAt;
  }

  /** What the analysis read, with its views: for outputs that ask further questions of the same snapshot. */
  public AnalysisContext context() {
    return context;
  }

  public ClusterSnapshot snapshot() {
    return context.snapshot();
  }

  /** Every finding, in report order ({@link Findings#ORDER}; equal findings in the order reported). */
  public List<Finding> findings() {
    if (ordered == null) {
      ordered = findings.first(Integer.MAX_VALUE);
    }
    return ordered;
  }

  /** The first {@code limit} findings in report order, selected without sorting them all. */
  public List<Finding> firstFindings(int limit) {
    return ordered != null ? ordered.subList(0, Math.min(limit, ordered.size())) : findings.first(limit);
  }

  /** Every finding in the order the rules reported them (the order condition reasons break ties by). */
  List<Finding> findingsAsReported() {
    return findings.all();
  }

  /** The findings of {@code rule}, in report order; empty when it found nothing or the policy turned it off. */
  public List<Finding> findingsOf(RuleId rule) {
    if (byRule == null) {
      // Grouped from the order reported and each group sorted (stably): no sort of every finding for one rule's.
      Map<String, List<Finding>> grouped = new HashMap<>();
      for (Finding f : findings.all()) {
        grouped.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
      }
      grouped.values().forEach(group -> group.sort(Findings.ORDER));
      grouped.replaceAll((k, v) -> Collections.unmodifiableList(v));
      byRule = grouped;
    }
    return byRule.getOrDefault(rule.id(), List.of());
  }

  /**
   * What Enforce repairs for {@code rule}: its findings in report order, also when the policy turned
   * the rule off. {@code off} silences a report, not a repair the policy asks for on its own
   * ({@code barePods.rewrite}, {@code images.pinScope}).
   */
  public List<Finding> findingsToRepair(RuleId rule) {
    List<Finding> reported = findingsOf(rule);
    if (!reported.isEmpty()) {
      return reported;
    }
    // A rule is on or off for the whole analysis: its findings are all reported or all silenced.
    return findings.silenced().stream().filter(f -> f.rule().equals(rule.id())).sorted(Findings.ORDER).toList();
  }

  public EtcdView etcd() {
    return context.etcd();
  }

  public ApiServerView apiServers() {
    return context.apiServers();
  }

  public ZoneView zones() {
    return context.zones();
  }

  /** What losing each zone would do, in zone order, every workload it takes down named. */
  public List<ZoneLoss> zoneLosses() {
    return zoneLosses;
  }

  /** Every node whose loss takes something down or is not survivable, riskiest first, every workload named. */
  public List<NodeLoss> nodeLosses() {
    return nodeLosses;
  }

  /** When the analysis ran: the time of a condition that changes with it. */
  public Instant analysedAt() {
    return analysedAt;
  }
}
