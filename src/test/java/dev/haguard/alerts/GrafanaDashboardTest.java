package dev.haguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.support.ProjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard is valid JSON and queries only metrics the operator exports. */
class GrafanaDashboardTest {
  /** The operator's metric names (issue "The operator": gauges labelled policy, two counters). */
  static final Set<String> HAGUARD_METRICS = Set.of(
      "haguard_etcd_members", "haguard_etcd_healthy_members", "haguard_etcd_quorum",
      "haguard_etcd_failure_tolerance", "haguard_etcd_remaining_failure_tolerance", "haguard_apiserver_instances",
      "haguard_zones", "haguard_zone_loss_survivable", "haguard_findings", "haguard_reconciles_total",
      "haguard_remediations_total", "haguard_nodes_unsurvivable", "haguard_node_loss_workloads_down",
      "haguard_node_loss_survivable");
  private static final Pattern METRIC = Pattern.compile("\\bhaguard_[a-z_]+");

  private final List<String> queries = new ArrayList<>();

  @BeforeEach
  void readDashboard() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(ProjectFiles.path("config/grafana/haguard-dashboard.json").toFile());
    collectQueries(dashboard);
  }

  @Test
  void everyQueryUsesOnlyKnownHaguardMetrics() {
    assertThat(queries).isNotEmpty();
    for (String query : queries) {
      Set<String> used = metricsIn(query);
      assertThat(used).as(query).isNotEmpty();
      assertThat(HAGUARD_METRICS).as(query).containsAll(used);
    }
  }

  @Test
  void quorumZonesFindingsAndReconcilesAreAllShown() {
    Set<String> used = new HashSet<>();
    queries.forEach(q -> used.addAll(metricsIn(q)));

    assertThat(used).contains(
        "haguard_etcd_members", "haguard_etcd_healthy_members", "haguard_etcd_quorum",
        "haguard_etcd_remaining_failure_tolerance", "haguard_zones", "haguard_zone_loss_survivable",
        "haguard_findings", "haguard_reconciles_total", "haguard_nodes_unsurvivable",
        "haguard_node_loss_workloads_down");
  }

  /** Panel target {@code expr}s and templating variable queries, wherever they nest. */
  private void collectQueries(JsonNode node) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        boolean isQuery = field.getKey().equals("expr")
            || (field.getKey().equals("query") && field.getValue().asText().startsWith("label_values"));
        if (isQuery && field.getValue().isTextual()) {
          queries.add(field.getValue().asText());
        } else {
          collectQueries(field.getValue());
        }
      });
    } else if (node.isArray()) {
      node.forEach(this::collectQueries);
    }
  }

  private static Set<String> metricsIn(String query) {
    Set<String> names = new HashSet<>();
    Matcher m = METRIC.matcher(query);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
