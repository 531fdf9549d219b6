package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * haguard's own meters: their names and tags live here and nowhere else. Fed once per reconcile
 * from the status the analysis produced, so a meter never disagrees with {@code kubectl get}; the
 * meters of a deleted or invalid policy, and of a finding that went away, are removed.
 *
 * <p>Prometheus names: {@code haguard_etcd_members}, ..., {@code haguard_reconciles_total}.
 */
public final class HaguardMetrics {
  /** How a reconcile ended. */
  public enum Outcome {
    UPDATED, UNCHANGED, INVALID_SPEC, NOT_SYNCED, ERROR;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One gauge per figure of the status; each reads its value from the status, or has no row when the status lacks it. */
  private enum Figure {
    ETCD_MEMBERS("haguard.etcd.members", "etcd members", s -> s.etcd() == null ? null : s.etcd().members()),
    ETCD_HEALTHY("haguard.etcd.healthy.members", "healthy etcd members",
        s -> s.etcd() == null ? null : s.etcd().healthy()),
    ETCD_QUORUM("haguard.etcd.quorum", "etcd members a majority needs",
        s -> s.etcd() == null ? null : s.etcd().majority()),
    ETCD_TOLERANCE("haguard.etcd.failure.tolerance", "etcd members that may fail at full health",
        s -> s.etcd() == null ? null : s.etcd().failureTolerance()),
    ETCD_REMAINING("haguard.etcd.remaining.failure.tolerance", "etcd members that may still fail now",
        s -> s.etcd() == null ? null : s.etcd().remainingTolerance()),
    APISERVERS("haguard.apiserver.instances", "apiserver instances",
        s -> s.apiServer() == null ? null : s.apiServer().instances()),
    ZONES("haguard.zones", "zones with nodes", s -> s.zones() == null ? null : s.zones().count()),
    NODES_UNSURVIVABLE("haguard.nodes.unsurvivable", "nodes whose loss alone is not survivable",
        s -> s.zones() == null ? null : s.zones().nodesUnsurvivable());

    final String meter;
    final String description;
    final Function<ClusterPolicyStatus, Integer> value;

    Figure(String meter, String description, Function<ClusterPolicyStatus, Integer> value) {
      this.meter = meter;
      this.description = description;
      this.value = value;
    }
  }

  private static final String POLICY = "policy";

  private final MeterRegistry registry;
  private final Map<Figure, MultiGauge> figures = new LinkedHashMap<>();
  private final MultiGauge zoneLossSurvivable;
  private final MultiGauge nodeLossWorkloadsDown;
  private final MultiGauge nodeLossSurvivable;
  private final MultiGauge findings;
  /** The rows of every policy, per gauge; a MultiGauge is re-registered whole, which removes rows that went away. */
  private final Map<String, Map<String, List<MultiGauge.Row<?>>>> rowsByPolicy = new TreeMap<>();

  public HaguardMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Figure f : Figure.values()) {
      figures.put(f, MultiGauge.builder(f.meter).description(f.description).register(registry));
    }
    zoneLossSurvivable = MultiGauge.builder("haguard.zone.loss.survivable")
        .description("1 when the cluster survives losing the zone, 0 when not").register(registry);
    // Label node only for the riskiest nodes of status (StatusMapper.MAX_RISKIEST_NODES per policy): bounded series.
    nodeLossWorkloadsDown = MultiGauge.builder("haguard.node.loss.workloads.down")
        .description("workloads (spread and single-replica) losing the node takes down, for the riskiest nodes")
        .register(registry);
    nodeLossSurvivable = MultiGauge.builder("haguard.node.loss.survivable")
        .description("1 when the cluster survives losing the node, 0 when not, for the riskiest nodes").register(registry);
    findings = MultiGauge.builder("haguard.findings")
        .description("findings per rule and severity (of those listed in status)").register(registry);
  }

  /** Sets every gauge of {@code policy} from its new status. */
  public synchronized void record(String policy, ClusterPolicyStatus status) {
    Map<String, List<MultiGauge.Row<?>>> rows = new TreeMap<>();
    for (Figure f : Figure.values()) {
      Integer value = f.value.apply(status);
      rows.put(f.meter, value == null ? List.of() : List.of(MultiGauge.Row.of(Tags.of(POLICY, policy), value)));
    }
    List<MultiGauge.Row<?>> zoneRows = new ArrayList<>();
    if (status.zones() != null && status.zones().lossSimulation() != null) {
      for (ClusterPolicyStatus.ZoneLoss loss : status.zones().lossSimulation()) {
        zoneRows.add(MultiGauge.Row.of(Tags.of(POLICY, policy, "zone", loss.zone()), loss.survivable() ? 1 : 0));
      }
    }
    rows.put("zones", zoneRows);
    List<MultiGauge.Row<?>> nodeDownRows = new ArrayList<>();
    List<MultiGauge.Row<?>> nodeSurvivableRows = new ArrayList<>();
    if (status.zones() != null && status.zones().riskiestNodes() != null) {
      for (ClusterPolicyStatus.NodeLoss loss : status.zones().riskiestNodes()) {
        Tags tags = Tags.of(POLICY, policy, "node", loss.node());
        nodeDownRows.add(MultiGauge.Row.of(tags, loss.workloadsDown() + loss.singleReplicaDown()));
        nodeSurvivableRows.add(MultiGauge.Row.of(tags, loss.survivable() ? 1 : 0));
      }
    }
    rows.put("nodesDown", nodeDownRows);
    rows.put("nodesSurvivable", nodeSurvivableRows);
    Map<Tags, Integer> findingCounts = new LinkedHashMap<>();
    for (Finding f : status.findings() == null ? List.<Finding>of() : status.findings()) {
      findingCounts.merge(Tags.of(POLICY, policy, "rule", f.rule(), "severity",
          f.severity().name().toLowerCase(Locale.ROOT)), 1, Integer::sum);
    }
    rows.put("findings", findingCounts.entrySet().stream()
        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(e.getKey(), e.getValue())).toList());
    rowsByPolicy.put(policy, rows);
    publish();
  }

  /** Removes every gauge of {@code policy}: it was deleted, or its spec is invalid. */
  public synchronized void forget(String policy) {
    if (rowsByPolicy.remove(policy) != null) {
      publish();
    }
  }

  public void reconciled(Outcome outcome) {
    Counter.builder("haguard.reconciles").description("ClusterPolicy reconciles by outcome")
        .tag("outcome", outcome.tag()).register(registry).increment();
  }

  /** Counts one remediation step of {@code type} (e.g. RewriteBarePod) ending in {@code outcome} (e.g. done). */
  public void remediated(String type, String outcome) {
    Counter.builder("haguard.remediations").description("remediation steps by type and outcome")
        .tag("type", type).tag("outcome", outcome).register(registry).increment();
  }

  /** Counts one policy report of {@code kind} written: created, updated, deleted or failed. */
  public void reportWritten(String kind, String operation) {
    Counter.builder("haguard.report.writes").description("policy report writes by kind and operation")
        .tag("kind", kind).tag("operation", operation).register(registry).increment();
  }

  private void publish() {
    for (Figure f : Figure.values()) {
      figures.get(f).register(rowsOf(f.meter), true);
    }
    zoneLossSurvivable.register(rowsOf("zones"), true);
    nodeLossWorkloadsDown.register(rowsOf("nodesDown"), true);
    nodeLossSurvivable.register(rowsOf("nodesSurvivable"), true);
    findings.register(rowsOf("findings"), true);
  }

  private List<MultiGauge.Row<?>> rowsOf(String key) {
    return rowsByPolicy.values().stream().flatMap(r -> r.getOrDefault(key, List.of()).stream()).toList();
  }
}
