package dev.haguard.cli;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The report {@code audit -o table} prints for people: etcd quorum, apiservers, zones and what
 * losing each would do, then the findings grouped by severity. It only lays out the status; every
 * number comes from the analysis. ANSI colour only when asked (a terminal without NO_COLOR).
 */
final class TableReport {
  private static final String RED = "31";
  private static final String GREEN = "32";
  private static final String YELLOW = "33";
  private static final String CYAN = "36";
  private static final String BOLD = "1";

  private final ClusterPolicyStatus status;
  private final boolean colour;

  TableReport(ClusterPolicyStatus status, boolean colour) {
    this.status = status;
    this.colour = colour;
  }

  void print(PrintWriter out) {
    etcd(out);
    apiServers(out);
    zones(out);
    riskiestNodes(out);
    findings(out);
  }

  private void etcd(PrintWriter out) {
    ClusterPolicyStatus.Etcd etcd = status.etcd();
    heading(out, "ETCD QUORUM");
    if (etcd == null) {
      out.println("  not analysed");
      return;
    }
    if (etcd.members() == null) {
      out.printf("  members unknown (source %s)%n", etcd.source());
      out.println("  majority unknown, failure tolerance unknown, remaining unknown");
      out.println();
      return;
    }
    out.printf("  members %d (source %s), healthy %d, learners %d%n",
        etcd.members(), etcd.source(), etcd.healthy(), etcd.learners());
    String remaining = String.valueOf(etcd.remainingTolerance());
    out.printf("  majority %d, failure tolerance %d, remaining %s%n", etcd.majority(), etcd.failureTolerance(),
        etcd.remainingTolerance() > 0 ? paint(remaining, GREEN) : paint(remaining, RED));
    if (etcd.zones() != null) {
      out.printf("  members per zone: %s; survives the loss of any zone: %s%n",
          perZone(etcd.zones()), yesNo(etcd.survivesZoneLoss()));
    }
    out.println();
  }

  private void apiServers(PrintWriter out) {
    ClusterPolicyStatus.ApiServer api = status.apiServer();
    heading(out, "API SERVERS");
    if (api == null) {
      out.println("  not analysed");
      return;
    }
    out.printf("  instances %s%s%n", api.instances() == null ? "unknown: " + api.instancesUnknownBecause() : api.instances(),
        api.zones() == null ? "" : " (" + perZone(api.zones()) + ")");
    out.printf("  endpoint %s (%s%s)%n", Objects.requireNonNullElse(api.endpoint(), "unknown: no cluster-info"),
        api.endpointKind(), api.endpointKindUnknownBecause() == null ? "" : ": " + api.endpointKindUnknownBecause());
    out.println();
  }

  private void zones(PrintWriter out) {
    ClusterPolicyStatus.Zones zones = status.zones();
    heading(out, "ZONES");
    if (zones == null || zones.count() == 0) {
      out.println("  no node carries a zone label");
      out.println();
      return;
    }
    List<List<String>> spread = new ArrayList<>();
    spread.add(List.of("ZONE", "NODES", "CONTROL PLANE"));
    for (Map.Entry<String, Integer> e : zones.nodes().entrySet()) {
      spread.add(List.of(e.getKey(), String.valueOf(e.getValue()),
          String.valueOf(zones.controlPlane() == null ? 0 : zones.controlPlane().getOrDefault(e.getKey(), 0))));
    }
    table(out, spread);
    out.println();
    if (zones.lossSimulation() == null || zones.lossSimulation().isEmpty()) {
      return;
    }
    heading(out, "IF A ZONE GOES");
    List<List<String>> loss = new ArrayList<>();
    loss.add(List.of("ZONE", "QUORUM KEPT", "APISERVERS LEFT", "WORKLOADS DOWN", "SINGLE REPLICA",
        "VOLUMES STRANDED", "SURVIVABLE"));
    for (ZoneLoss z : zones.lossSimulation()) {
      loss.add(List.of(z.zone(), z.etcdQuorumKept() == null ? "unknown" : word(z.etcdQuorumKept()),
          orUnknown(z.apiServersLeft()), String.valueOf(z.workloadsDown()), String.valueOf(z.singleReplicaDown()),
          String.valueOf(z.volumesStranded()), word(z.survivable())));
    }
    table(out, loss);
    for (ZoneLoss z : zones.lossSimulation()) {
      lossDetails(out, z);
    }
    out.println();
  }

  private static String orUnknown(Integer count) {
    return count == null ? "unknown" : String.valueOf(count);
  }

  /** Rows of the riskiest nodes the table shows; {@code audit -o json} lists every one. */
  static final int RISKIEST_NODES_SHOWN = 5;

  /** The few nodes whose loss takes the most down, in the columns of the zone loss table. */
  private void riskiestNodes(PrintWriter out) {
    ClusterPolicyStatus.Zones zones = status.zones();
    if (zones == null || zones.riskiestNodes() == null) {
      return;
    }
    List<NodeLoss> nodes = zones.riskiestNodes();
    int total = nodes.size() + (zones.riskiestNodesTruncated() == null ? 0 : zones.riskiestNodesTruncated());
    heading(out, String.format("IF A NODE GOES (riskiest first; %d node(s) whose loss is not survivable)",
        zones.nodesUnsurvivable() == null ? 0 : zones.nodesUnsurvivable()));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("NODE", "ZONE", "QUORUM KEPT", "APISERVERS LEFT", "WORKLOADS DOWN", "SINGLE REPLICA",
        "VOLUMES STRANDED", "SURVIVABLE"));
    for (NodeLoss n : nodes.subList(0, Math.min(RISKIEST_NODES_SHOWN, nodes.size()))) {
      rows.add(List.of(n.node(), n.zone() == null ? "-" : n.zone(),
          n.etcdQuorumKept() == null ? "unknown" : word(n.etcdQuorumKept()), orUnknown(n.apiServersLeft()),
          String.valueOf(n.workloadsDown()), String.valueOf(n.singleReplicaDown()), String.valueOf(n.volumesStranded()),
          word(n.survivable())));
    }
    table(out, rows);
    if (total > RISKIEST_NODES_SHOWN) {
      out.printf("  and %d more node(s) whose loss takes something down (what-if --lose node/NAME details one)%n",
          total - RISKIEST_NODES_SHOWN);
    }
    out.println();
  }

  /** Under the loss table: what each zone takes down, by name, and what no layout can fix there. */
  private void lossDetails(PrintWriter out, ZoneLoss z) {
    if (z.workloads() != null) {
      out.printf("  %s takes down: %s%s%n", z.zone(), z.workloads().stream()
          .map(w -> w.kind() + " " + w.namespace() + "/" + w.name() + " (" + w.replicasLeft() + " of "
              + w.replicasWanted() + " left, " + w.reason() + ")")
          .collect(Collectors.joining(", ")),
          z.workloadsTruncated() == null ? "" : " and " + z.workloadsTruncated() + " more");
    }
    if (z.note() != null) {
      out.printf("  %s: %s%n", z.zone(), z.note());
    }
  }

  private void findings(PrintWriter out) {
    ClusterPolicyStatus.Summary summary = status.summary();
    List<Finding> findings = status.findings() == null ? List.of() : status.findings();
    heading(out, summary == null ? "FINDINGS"
        : String.format("FINDINGS: %d critical, %d warning, %d info",
            summary.critical(), summary.warning(), summary.info()));
    if (findings.isEmpty()) {
      out.println("  " + paint("none", GREEN));
    }
    for (Severity severity : Severity.values()) {
      List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
      if (group.isEmpty()) {
        continue;
      }
      out.println(paint(severity.name(), colourOf(severity)));
      for (Finding f : group) {
        out.printf("  %s  %s%n", paint(f.rule(), colourOf(severity)), f.object());
        out.printf("      %s%n", f.message());
        out.printf("      fix: %s%n", f.remediation());
      }
    }
    if (status.findingsTruncated() != null) {
      out.printf("  ... and %d more (-o json lists the first %d)%n", status.findingsTruncated(), findings.size());
    }
  }

  /** Left-aligned columns, two spaces apart; colour is applied after padding so that it does not skew widths. */
  private void table(PrintWriter out, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < widths.length; i++) {
        String cell = rows.get(r).get(i);
        String padded = " " + cell + " ".repeat(widths[i] - cell.length() + 1);
        line.append(r == 0 ? paint(padded, BOLD) : paint(padded, colourOfCell(cell)));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private void heading(PrintWriter out, String text) {
    out.println(paint(text, BOLD));
  }

  private String perZone(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private String yesNo(Boolean value) {
    return value == null ? "unknown" : paint(word(value), colourOfCell(word(value)));
  }

  private static String word(boolean value) {
    return value ? "yes" : "no";
  }

  private static String colourOfCell(String cell) {
    return switch (cell) {
      case "yes" -> GREEN;
      case "no" -> RED;
      default -> null;
    };
  }

  private static String colourOf(Severity severity) {
    return switch (severity) {
      case CRITICAL -> RED;
      case WARNING -> YELLOW;
      case INFO -> CYAN;
    };
  }

  private String paint(String text, String code) {
    return colour && code != null ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
