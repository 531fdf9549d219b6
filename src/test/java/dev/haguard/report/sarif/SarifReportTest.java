package dev.haguard.report.sarif;

import static dev.haguard.report.TestFindings.deployment;
import static dev.haguard.report.TestFindings.finding;
import static dev.haguard.report.TestFindings.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.DemoInput;
import dev.haguard.report.ObjectOrigins;
import dev.haguard.report.ReportInput;
import dev.haguard.report.ReportInput.ReportFinding;
import dev.haguard.support.JsonSchemas;
import dev.haguard.support.RealTier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarifReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode sarif(ReportInput input, ObjectOrigins origins) throws Exception {
    return JSON.readTree(SarifReport.json(SarifReport.of(input, origins, "1.2.3")));
  }

  @Test
  @RealTier
  void theDemoValidatesAgainstTheSarif210Schema() throws Exception {
    JsonNode log = sarif(DemoInput.read(), ObjectOrigins.singleFile(DemoInput.FILE));

    JsonSchemas.assertValid(JsonSchemas.sarif(), log);
    assertThat(log.path("runs")).hasSize(1);
    assertThat(log.path("runs").get(0).path("results")).isNotEmpty();
  }

  @Test
  @RealTier
  void theSchemaCheckCatchesABrokenLog() throws Exception {
    JsonNode log = sarif(DemoInput.read(), ObjectOrigins.UNKNOWN);
    ((ObjectNode) log.path("runs").get(0).path("results").get(0))
        .put("level", "critical");

    assertThat(JsonSchemas.sarif().validate(log)).isNotEmpty();
  }

  @Test
  void theDriverDescribesEveryCatalogueRuleAndEachResultPointsAtItsRule() throws Exception {
    JsonNode run = sarif(DemoInput.read(), ObjectOrigins.UNKNOWN).path("runs").get(0);
    JsonNode rules = run.path("tool").path("driver").path("rules");

    assertThat(rules.findValuesAsText("id"))
        .containsExactlyElementsOf(Arrays.stream(RuleId.values()).map(RuleId::id).toList());
    assertThat(run.path("tool").path("driver").path("version").asText()).isEqualTo("1.2.3");
    for (JsonNode result : run.path("results")) {
      assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
          .isEqualTo(result.path("ruleId").asText());
    }
    JsonNode critical = rules.get(RuleId.ETCD_QUORUM_LOST.ordinal());
    assertThat(critical.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
    assertThat(critical.path("shortDescription").path("text").asText()).isNotBlank();
  }

  @Test
  void levelsFollowSeverity() throws Exception {
    JsonNode results = sarif(input(List.of(
        finding("volume-zone-conflict", Severity.CRITICAL, deployment("a", "x")),
        finding("workload-zone-spof", Severity.WARNING, deployment("a", "y")),
        finding("image-not-pinned", Severity.INFO, deployment("a", "z")))), ObjectOrigins.UNKNOWN)
        .path("runs").get(0).path("results");

    assertThat(results.findValuesAsText("level")).containsExactly("error", "warning", "note");
  }

  @Test
  void aResultIsLocatedAtItsFileAndLineWhenKnownAndByObjectAlways() throws Exception {
    ObjectRef known = deployment("shop", "cart");
    ObjectOrigins origins = ref -> ref.equals(known)
        ? Optional.of(new ObjectOrigins.Origin("manifests/shop.yaml", 42)) : Optional.empty();
    JsonNode results = sarif(input(List.of(
        finding("workload-zone-spof", Severity.WARNING, known),
        finding("workload-zone-spof", Severity.WARNING, deployment("shop", "elsewhere")))), origins)
        .path("runs").get(0).path("results");

    JsonNode located = results.get(0).path("locations").get(0);
    assertThat(located.path("physicalLocation").path("artifactLocation").path("uri").asText())
        .isEqualTo("manifests/shop.yaml");
    assertThat(located.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(42);
    JsonNode unlocated = results.get(1).path("locations").get(0);
    assertThat(unlocated.has("physicalLocation")).isFalse();
    assertThat(unlocated.path("logicalLocations").get(0).path("fullyQualifiedName").asText())
        .isEqualTo("Deployment/shop/elsewhere");
  }

  @Test
  void aFingerprintIsStablePerObjectAndRuleWhateverTheMessage() {
    ReportFinding first = finding("workload-zone-spof", Severity.WARNING, deployment("shop", "cart"));
    ReportFinding reworded = new ReportFinding(first.rule(), Severity.CRITICAL, first.object(),
        "3 of 3 pods in one zone", "another fix", Map.of());

    String fingerprint = SarifReport.fingerprint(first.rule(), first.object());
    assertThat(SarifReport.fingerprint(reworded.rule(), reworded.object())).isEqualTo(fingerprint);
    assertThat(SarifReport.fingerprint("image-not-pinned", first.object())).isNotEqualTo(fingerprint);
    assertThat(SarifReport.fingerprint(first.rule(), deployment("shop", "cart2"))).isNotEqualTo(fingerprint);
    assertThat(SarifReport.fingerprint(first.rule(), deployment("shop2", "cart"))).isNotEqualTo(fingerprint);
  }
}
