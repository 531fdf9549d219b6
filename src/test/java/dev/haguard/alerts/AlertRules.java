package dev.haguard.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haguard.support.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped PrometheusRule and its promtool unit tests, read for the alert tests. */
final class AlertRules {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The name the unit tests' {@code rule_files} give the extracted groups. */
  static final String RULES_FILE = "haguard-rules.yaml";

  private AlertRules() {}

  static JsonNode prometheusRule() throws IOException {
    return YAML.readTree(ProjectFiles.path("config/prometheus/prometheusrule.yaml").toFile());
  }

  /** Every alerting rule of every group. */
  static List<JsonNode> alerts() throws IOException {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode group : prometheusRule().path("spec").path("groups")) {
      group.path("rules").forEach(alerts::add);
    }
    return alerts;
  }

  static List<String> alertNames() throws IOException {
    return alerts().stream().map(a -> a.path("alert").asText()).toList();
  }

  /** Writes the PrometheusRule's {@code spec.groups} as a plain Prometheus rules file into {@code dir}. */
  static Path extractGroups(Path dir) throws IOException {
    ObjectNode rulesFile = YAML.createObjectNode();
    rulesFile.set("groups", prometheusRule().path("spec").path("groups"));
    Path target = dir.resolve(RULES_FILE);
    YAML.writeValue(target.toFile(), rulesFile);
    return target;
  }

  static List<Path> unitTestFiles() throws IOException {
    try (Stream<Path> files = Files.list(ProjectFiles.path("config/prometheus/tests"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
