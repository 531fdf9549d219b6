package dev.haguard.report;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.AnalysisResult;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What every report output (SARIF, OpenReports, HTML) reads, built in ONE place ({@link #of}) from
 * the one analysis result.
 *
 * @param policyName        the ClusterPolicy the findings are judged by
 * @param findings          every finding, worst first
 * @param summary           finding counts per severity, before any cap
 * @param zones             each zone with what runs in it; nodes without a zone under {@link #NO_ZONE}
 * @param workloads         each spread workload's Ready replicas per zone
 * @param losses            what losing each zone would do
 * @param riskyNodes        what losing each of the riskiest nodes would do, riskiest first (as many as status shows)
 */
public record ReportInput(
    String policyName,
    List<ReportFinding> findings,
    ClusterPolicyStatus.Summary summary,
    List<Zone> zones,
    List<WorkloadSpread> workloads,
    List<ZoneLoss> losses,
    List<NodeLoss> riskyNodes) {

  /** The column of nodes that carry no zone label. */
  public static final String NO_ZONE = "(no zone)";
  /** The fact naming the status condition a finding's rule turns False: the rule's family. */
  public static final String FACT_CONDITION = "condition";

  /**
   * A finding and the rule's facts.
   *
   * @param facts the rule's facts, as name and value: its condition and default severity
   */
  public record ReportFinding(
      String rule, Severity severity, ObjectRef object, String message, String fix, Map<String, String> facts) {}

  /** One zone: its nodes, etcd members and Ready apiservers, by name. */
  public record Zone(String name, List<ZoneNode> nodes, List<String> etcdMembers, List<String> apiServers) {}

  /** A node of a zone. */
  public record ZoneNode(String name, boolean controlPlane) {}

  /** A Deployment or StatefulSet, the replicas it wants, and its Ready pods per zone. */
  public record WorkloadSpread(ObjectRef workload, Integer desiredReplicas, SortedMap<String, Integer> readyPerZone) {}

  /**
   * The report input of one analysis: every finding of its result (reports cap on their own), the
   * views it computed, and the summary of the status mapped from it.
   */
  public static ReportInput of(String policyName, AnalysisResult result, ClusterPolicyStatus status) {
    AnalysisContext context = result.context();
    ClusterSnapshot snapshot = result.snapshot();
    Policy policy = context.policy();
    ZoneView zoneView = result.zones();
    Function<String, String> zoneOfNode = node -> {
      String zone = zoneView.zoneOfNode(node);
      return zone == null ? NO_ZONE : zone;
    };
    Map<String, Zone> zones = new LinkedHashMap<>();
    for (Node node : snapshot.nodes()) {
      String name = node.getMetadata().getName();
      zoneOf(zones, zoneOfNode.apply(name)).nodes().add(new ZoneNode(name, ZoneView.isControlPlane(node)));
    }
    for (Pod pod : result.etcd().memberPods()) {
      zoneOf(zones, zoneOfNode.apply(PodFacts.nodeName(pod))).etcdMembers().add(pod.getMetadata().getName());
    }
    for (Pod pod : result.apiServers().readyPods()) {
      zoneOf(zones, zoneOfNode.apply(PodFacts.nodeName(pod))).apiServers().add(pod.getMetadata().getName());
    }
    List<WorkloadSpread> workloads = new ArrayList<>();
    for (Workload w : snapshot.workloads()) {
      if (ZoneLossSimulation.isSpreadWorkload(w, policy)) {
        SortedMap<String, Integer> ready = new TreeMap<>();
        w.pods().stream().filter(PodFacts::isReady)
            .forEach(pod -> ready.merge(zoneOfNode.apply(PodFacts.nodeName(pod)), 1, Integer::sum));
        workloads.add(new WorkloadSpread(w.ref(), w.desiredReplicas(), ready));
      }
    }
    List<Zone> sortedZones = new ArrayList<>(zones.values());
    // Named zones in order, the unzoned column last.
    sortedZones.sort((a, b) -> a.name().equals(NO_ZONE) ? 1 : b.name().equals(NO_ZONE) ? -1
        : a.name().compareTo(b.name()));
    List<ZoneLoss> losses = status.zones() == null || status.zones().lossSimulation() == null
        ? List.of() : status.zones().lossSimulation();
    return new ReportInput(
        policyName,
        result.findings().stream().map(ReportInput::withFacts).toList(),
        status.summary(),
        sortedZones,
        workloads,
        losses,
        status.zones() == null || status.zones().riskiestNodes() == null ? List.of()
            : status.zones().riskiestNodes().stream().limit(StatusMapper.MAX_RISKIEST_NODES).toList());
  }

  private static Zone zoneOf(Map<String, Zone> zones, String name) {
    return zones.computeIfAbsent(name, n -> new Zone(n, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
  }

  private static ReportFinding withFacts(Finding f) {
    Map<String, String> facts = new LinkedHashMap<>();
    RuleId.byId(f.rule()).ifPresent(rule -> {
      facts.put(FACT_CONDITION, rule.condition().type());
      facts.put("defaultSeverity", rule.defaultSeverity().toString());
    });
    return new ReportFinding(f.rule(), f.severity(), f.object(), f.message(), f.remediation(), facts);
  }
}
