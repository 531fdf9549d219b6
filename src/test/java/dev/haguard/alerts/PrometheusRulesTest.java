package dev.haguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haguard.support.RealComponents;
import dev.haguard.support.RealTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped PrometheusRule, checked and unit-tested by Prometheus' own promtool: its rule groups
 * are extracted to a plain rules file next to copies of {@code config/prometheus/tests/*.yaml}.
 */
@RealTier
class PrometheusRulesTest {
  @TempDir Path work;

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    String promtool = RealComponents.require("promtool");
    Path rules = AlertRules.extractGroups(work);

    Promtool.run(work, promtool, "check", "rules", rules.toString());
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    String promtool = RealComponents.require("promtool");
    AlertRules.extractGroups(work);
    List<String> command = new ArrayList<>(List.of(promtool, "test", "rules"));
    for (Path test : AlertRules.unitTestFiles()) {
      Path copy = work.resolve(test.getFileName());
      Files.copy(test, copy);
      command.add(copy.toString());
    }

    Promtool.run(work, command.toArray(String[]::new));
  }

  @Test
  void everyAlertIsShownFiringAndStayingQuiet() throws IOException {
    Set<String> firing = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (Path test : AlertRules.unitTestFiles()) {
      for (JsonNode testCase : AlertRules.YAML.readTree(test.toFile()).path("tests")) {
        for (JsonNode check : testCase.path("alert_rule_test")) {
          (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
        }
      }
    }

    assertThat(firing).containsExactlyInAnyOrderElementsOf(AlertRules.alertNames());
    assertThat(quiet).containsExactlyInAnyOrderElementsOf(AlertRules.alertNames());
  }

  private static final class Promtool {
    /** Runs promtool in {@code dir}; any non-zero exit fails the test with promtool's output. */
    static void run(Path dir, String... command) throws IOException, InterruptedException {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      int exit = process.waitFor();
      System.out.println(String.join(" ", command) + "\n" + output);
      assertThat(exit).as("promtool exit code; its output:%n%s", output).isZero();
    }
  }
}
