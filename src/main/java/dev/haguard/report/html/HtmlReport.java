package dev.haguard.report.html;

import com.google.common.html.HtmlEscapers;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.ReportInput;
import dev.haguard.report.ReportInput.ReportFinding;
import dev.haguard.report.ReportInput.WorkloadSpread;
import dev.haguard.report.ReportInput.Zone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code audit -o html}: one self-contained page (inline CSS and SVG; no script, font or image
 * from anywhere) to look at: the zones side by side with what runs in each, what losing each zone
 * and each of its riskiest nodes would do (in colour and in words), each workload's Ready replicas per zone, and the findings by
 * severity with their fixes. Every text from the cluster is HTML-escaped.
 */
public final class HtmlReport {
  private static final String STYLE = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2430;background:#f6f7f9}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:13px;margin:10px 0 4px;\
      text-transform:uppercase;letter-spacing:.04em;color:#5a6473}
      .sub{color:#5a6473;margin:0 0 16px}
      .counts span{display:inline-block;margin-right:8px;padding:2px 10px;border-radius:12px;font-weight:600}
      .critical{background:#fde2e1;color:#8a1c17}.warning{background:#fff1d6;color:#7a4b00}.info{background:#e3edfb;color:#1d4a8a}
      .zones{display:flex;gap:14px;align-items:stretch;flex-wrap:wrap}
      .zone{flex:1 1 220px;background:#fff;border:1px solid #d8dde5;border-radius:8px;padding:12px 14px;\
      border-top:6px solid #8a94a3}
      .zone.ok{border-top-color:#2e8540}.zone.lost{border-top-color:#c62828}
      .zone h2{margin:0 0 6px}
      .verdict{font-weight:600;padding:4px 8px;border-radius:6px;margin:0 0 8px;display:flex;gap:6px;align-items:center}
      .verdict svg{flex:none}
      .verdict.ok{background:#e3f4e6;color:#1e5e2b}.verdict.lost{background:#fde2e1;color:#8a1c17}
      .verdict.unknown{background:#eceff3;color:#454f5d}
      ul{margin:0;padding-left:18px}li{margin:1px 0}
      .tag{font-size:11px;background:#eceff3;border-radius:4px;padding:0 5px;margin-left:4px;color:#454f5d}
      .none{color:#8a94a3;font-style:italic}
      table{border-collapse:collapse;background:#fff;border:1px solid #d8dde5}
      th,td{padding:5px 10px;border-bottom:1px solid #e6e9ee;text-align:left;vertical-align:middle}
      td.n{white-space:nowrap}td.n svg{vertical-align:middle;margin-right:6px}
      .finding{background:#fff;border:1px solid #d8dde5;border-left:5px solid #8a94a3;border-radius:6px;\
      padding:8px 12px;margin:6px 0}
      .finding.critical{border-left-color:#c62828}.finding.warning{border-left-color:#d48800}\
      .finding.info{border-left-color:#2f6fc4}
      .finding{color:#1d2430}.rule{font-family:ui-monospace,monospace;font-weight:600}\
      .obj{font-family:ui-monospace,monospace;color:#454f5d}.fix{margin-top:4px}.fix b{color:#1e5e2b}
      """;

  private HtmlReport() {}

  /** The page of {@code input}. */
  public static String render(ReportInput input) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        // No request may leave the page, not even for a favicon.
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>haguard: ").append(esc(input.policyName())).append("</title><style>")
        .append(STYLE).append("</style></head><body>\n");
    html.append("<h1>Cluster high availability</h1><p class=\"sub\">policy <b>").append(esc(input.policyName()))
        .append("</b></p>\n<div class=\"counts\">")
        .append("<span class=\"critical\">").append(input.summary().critical()).append(" critical</span>")
        .append("<span class=\"warning\">").append(input.summary().warning()).append(" warning</span>")
        .append("<span class=\"info\">").append(input.summary().info()).append(" info</span></div>\n");
    zones(input, html);
    workloads(input, html);
    findings(input, html);
    return html.append("</body></html>\n").toString();
  }

  private static void zones(ReportInput input, StringBuilder html) {
    Map<String, ZoneLoss> lossByZone = input.losses().stream()
        .collect(Collectors.toMap(ZoneLoss::zone, Function.identity()));
    Map<String, List<NodeLoss>> nodesByZone = input.riskyNodes().stream().collect(Collectors.groupingBy(
        n -> n.zone() == null ? ReportInput.NO_ZONE : n.zone(), LinkedHashMap::new, Collectors.toList()));
    html.append("<h2>Zones</h2><div class=\"zones\">\n");
    for (Zone zone : input.zones()) {
      ZoneLoss loss = lossByZone.get(zone.name());
      String state = loss == null ? "unknown" : loss.survivable() ? "ok" : "lost";
      html.append("<section class=\"zone ").append(state).append("\" data-zone=\"").append(esc(zone.name()))
          .append("\"><h2>").append(esc(zone.name())).append("</h2>");
      html.append("<p class=\"verdict ").append(state).append("\">").append(icon(state))
          .append("<span>").append(esc(verdict(loss))).append("</span></p>");
      html.append("<h3>Nodes (").append(zone.nodes().size()).append(")</h3>");
      list(html, zone.nodes().stream()
          .map(n -> esc(n.name()) + (n.controlPlane() ? "<span class=\"tag\">control plane</span>" : ""))
          .toList());
      html.append("<h3>etcd members (").append(zone.etcdMembers().size()).append(")</h3>");
      list(html, zone.etcdMembers().stream().map(HtmlReport::esc).toList());
      html.append("<h3>apiservers (").append(zone.apiServers().size()).append(")</h3>");
      list(html, zone.apiServers().stream().map(HtmlReport::esc).toList());
      riskyNodes(html, nodesByZone.getOrDefault(zone.name(), List.of()));
      html.append("</section>\n");
    }
    html.append("</div>\n");
  }

  /** The riskiest nodes of a zone, each with what losing it does: beside the zone's own verdict. */
  private static void riskyNodes(StringBuilder html, List<NodeLoss> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    html.append("<h3>If one of its nodes goes</h3>");
    for (NodeLoss node : nodes) {
      String state = node.survivable() ? "ok" : "lost";
      html.append("<p class=\"verdict ").append(state).append("\" data-node=\"").append(esc(node.node()))
          .append("\">").append(icon(state)).append("<span>").append(esc(nodeVerdict(node))).append("</span></p>");
    }
  }

  /** What losing the zone does, in words: the colour repeats it, never replaces it. */
  static String verdict(ZoneLoss loss) {
    if (loss == null) {
      return "no loss simulation: these nodes carry no zone label";
    }
    String verdict = verdict("Losing this zone", loss.survivable(), harms(loss.etcdQuorumKept(),
        loss.apiServersLeft(), loss.workloadsDown(), loss.singleReplicaDown(), loss.volumesStranded()));
    return loss.note() == null ? verdict : verdict + ". " + loss.note();
  }

  /** What losing the node does, in words, naming the workloads it takes down. */
  static String nodeVerdict(NodeLoss loss) {
    String verdict = loss.node() + ": " + verdict("Losing this node", loss.survivable(), harms(loss.etcdQuorumKept(),
        loss.apiServersLeft(), loss.workloadsDown(), loss.singleReplicaDown(), loss.volumesStranded()));
    if (loss.workloads() == null) {
      return verdict;
    }
    return verdict + " (" + loss.workloads().stream().map(w -> w.kind() + " " + w.namespace() + "/" + w.name())
        .collect(Collectors.joining(", ")) + (loss.workloadsTruncated() == null ? "" : " and "
        + loss.workloadsTruncated() + " more") + ")";
  }

  private static String verdict(String losing, boolean survivable, List<String> harms) {
    if (survivable) {
      return harms.isEmpty() ? losing + " is survivable" : "Survivable, but " + String.join(", ", harms);
    }
    return losing + " is NOT survivable: " + String.join(", ", harms);
  }

  private static List<String> harms(Boolean quorumKept, Integer apiServersLeft, int down, int singleDown, int stranded) {
    List<String> harms = new ArrayList<>();
    if (quorumKept == null) {
      harms.add("etcd quorum unknown");
    } else if (!quorumKept) {
      harms.add("etcd loses quorum");
    }
    if (apiServersLeft != null && apiServersLeft == 0) {
      harms.add("no apiserver left");
    }
    harms.addAll(counted(down, "workload", "down"));
    harms.addAll(counted(singleDown, "single-replica workload", "down"));
    harms.addAll(counted(stranded, "volume", "stranded"));
    return harms;
  }

  private static List<String> counted(int count, String what, String happened) {
    return count == 0 ? List.of() : List.of(count + " " + what + (count == 1 ? " " : "s ") + happened);
  }

  private static String icon(String state) {
    String shape = switch (state) {
      case "ok" -> "<path d=\"M4 8.5l3 3 5-6\" fill=\"none\" stroke=\"#2e8540\" stroke-width=\"2.2\"/>";
      case "lost" -> "<path d=\"M4.5 4.5l7 7M11.5 4.5l-7 7\" stroke=\"#c62828\" stroke-width=\"2.2\"/>";
      default -> "<circle cx=\"8\" cy=\"8\" r=\"3\" fill=\"#8a94a3\"/>";
    };
    return "<svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">" + shape + "</svg>";
  }

  private static void list(StringBuilder html, List<String> escapedItems) {
    if (escapedItems.isEmpty()) {
      html.append("<p class=\"none\">none</p>");
      return;
    }
    html.append("<ul>");
    escapedItems.forEach(item -> html.append("<li>").append(item).append("</li>"));
    html.append("</ul>");
  }

  private static void workloads(ReportInput input, StringBuilder html) {
    html.append("<h2>Ready replicas per zone</h2>\n");
    if (input.workloads().isEmpty()) {
      html.append("<p class=\"none\">no Deployment or StatefulSet</p>\n");
      return;
    }
    int most = input.workloads().stream().flatMap(w -> w.readyPerZone().values().stream())
        .mapToInt(Integer::intValue).max().orElse(1);
    html.append("<table><thead><tr><th>workload</th><th>wants</th>");
    input.zones().forEach(z -> html.append("<th>").append(esc(z.name())).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (WorkloadSpread w : input.workloads()) {
      html.append("<tr><td class=\"obj\">").append(esc(w.workload().toString())).append("</td><td>")
          .append(w.desiredReplicas() == null ? "?" : w.desiredReplicas()).append("</td>");
      for (Zone z : input.zones()) {
        int ready = w.readyPerZone().getOrDefault(z.name(), 0);
        html.append("<td class=\"n\">").append(bar(ready, Math.max(most, 1))).append(ready).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static String bar(int value, int max) {
    int width = value == 0 ? 0 : Math.max(3, 60 * value / max);
    return "<svg width=\"60\" height=\"10\" viewBox=\"0 0 60 10\" aria-hidden=\"true\">"
        + "<rect width=\"60\" height=\"10\" rx=\"2\" fill=\"#eceff3\"/>"
        + "<rect width=\"" + width + "\" height=\"10\" rx=\"2\" fill=\"#2f6fc4\"/></svg>";
  }

  private static void findings(ReportInput input, StringBuilder html) {
    html.append("<h2>Findings</h2>\n");
    if (input.findings().isEmpty()) {
      html.append("<p class=\"none\">no finding</p>\n");
    }
    for (Severity severity : Severity.values()) {
      List<ReportFinding> group = input.findings().stream().filter(f -> f.severity() == severity).toList();
      if (group.isEmpty()) {
        continue;
      }
      html.append("<section data-severity=\"").append(severity).append("\"><h3>").append(severity)
          .append(" (").append(group.size()).append(")</h3>\n");
      for (ReportFinding f : group) {
        html.append("<div class=\"finding ").append(severity).append("\"><span class=\"rule\">")
            .append(esc(f.rule())).append("</span> <span class=\"obj\">").append(esc(f.object().toString()))
            .append("</span><div>").append(esc(f.message())).append("</div><div class=\"fix\"><b>Fix:</b> ")
            .append(esc(Objects.toString(f.fix(), ""))).append("</div></div>\n");
      }
      html.append("</section>\n");
    }
  }

  /** Text for HTML element content and double-quoted attributes. */
  static String esc(String text) {
    return text == null ? "" : HtmlEscapers.htmlEscaper().escape(text);
  }
}
