package dev.haguard.report.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The parts of SARIF 2.1.0 haguard writes (OASIS SARIF v2.1.0, section numbers in the names' docs). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SarifLog(@JsonProperty("$schema") String schema, String version, List<Run> runs) {

  /** 3.14: one analysis tool's run. */
  public record Run(Tool tool, List<Result> results) {}

  /** 3.18. */
  public record Tool(Driver driver) {}

  /** 3.19: the tool component, with every rule it can report. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Driver(String name, String version, String informationUri, List<Rule> rules) {}

  /** 3.49: a reportingDescriptor for one rule. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rule(
      String id, String name, Text shortDescription, Text help, Configuration defaultConfiguration,
      Map<String, Object> properties) {}

  /** 3.50. */
  public record Configuration(String level) {}

  /** 3.11: a message string. */
  public record Text(String text) {}

  /** 3.27. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(
      String ruleId, int ruleIndex, String level, Text message, List<Location> locations,
      Map<String, String> partialFingerprints, Map<String, Object> properties) {}

  /** 3.28: where in the input (file and line) and what (the Kubernetes object). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {}

  /** 3.29. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  /** 3.4. */
  public record ArtifactLocation(String uri) {}

  /** 3.30. */
  public record Region(int startLine) {}

  /** 3.33. */
  public record LogicalLocation(String fullyQualifiedName, String kind) {}
}
