package dev.haguard.report.sarif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.ObjectOrigins;
import dev.haguard.report.ReportInput;
import dev.haguard.report.ReportInput.ReportFinding;
import dev.haguard.report.RuleDescriptions;
import dev.haguard.report.sarif.SarifLog.ArtifactLocation;
import dev.haguard.report.sarif.SarifLog.Configuration;
import dev.haguard.report.sarif.SarifLog.Location;
import dev.haguard.report.sarif.SarifLog.LogicalLocation;
import dev.haguard.report.sarif.SarifLog.PhysicalLocation;
import dev.haguard.report.sarif.SarifLog.Region;
import dev.haguard.report.sarif.SarifLog.Result;
import dev.haguard.report.sarif.SarifLog.Text;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code audit -o sarif}: the findings as SARIF 2.1.0, one run, every catalogue rule described, each
 * result located at the input file (and line, where known) of its object, so that GitHub code
 * scanning shows it on the manifest.
 */
public final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://haguard.dev";
  /** The fingerprint's name carries its version: GitHub compares fingerprints of the same name only. */
  static final String FINGERPRINT = "haguardObject/v1";

  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SarifReport() {}

  /** The SARIF log of {@code input}, whose objects were read from {@code origins}. */
  public static SarifLog of(ReportInput input, ObjectOrigins origins, String toolVersion) {
    List<RuleId> catalogue = Arrays.asList(RuleId.values());
    Map<String, Integer> ruleIndex = new HashMap<>();
    Map<String, String> fixByRule = new HashMap<>();
    for (ReportFinding f : input.findings()) {
      fixByRule.putIfAbsent(f.rule(), f.fix());
    }
    List<SarifLog.Rule> rules = new ArrayList<>();
    for (RuleId rule : catalogue) {
      ruleIndex.put(rule.id(), rules.size());
      String fix = fixByRule.get(rule.id());
      rules.add(new SarifLog.Rule(
          rule.id(),
          rule.reason(),
          new Text(RuleDescriptions.of(rule)),
          fix == null ? null : new Text(fix),
          new Configuration(level(rule.defaultSeverity())),
          Map.of("condition", rule.condition().type())));
    }
    List<Result> results = new ArrayList<>();
    for (ReportFinding f : input.findings()) {
      Map<String, Object> properties = new LinkedHashMap<>(f.facts());
      properties.put("severity", f.severity().toString());
      properties.put("fix", f.fix());
      results.add(new Result(
          f.rule(),
          ruleIndex.getOrDefault(f.rule(), -1),
          level(f.severity()),
          new Text(f.message()),
          List.of(location(f.object(), origins)),
          Map.of(FINGERPRINT, fingerprint(f.rule(), f.object())),
          properties));
    }
    SarifLog.Driver driver = new SarifLog.Driver("haguard", toolVersion, INFORMATION_URI, rules);
    return new SarifLog(SCHEMA, "2.1.0", List.of(new SarifLog.Run(new SarifLog.Tool(driver), results)));
  }

  /** The log as indented JSON. */
  public static String json(SarifLog log) {
    try {
      return MAPPER.writeValueAsString(log);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SARIF's levels: critical is an error, warning a warning, info a note. */
  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  private static Location location(ObjectRef object, ObjectOrigins origins) {
    PhysicalLocation physical = origins.of(object)
        .map(o -> new PhysicalLocation(
            new ArtifactLocation(o.file()), o.startLine() == null ? null : new Region(o.startLine())))
        .orElse(null);
    return new Location(physical, List.of(new LogicalLocation(object.toString(), "resource")));
  }

  /**
   * Stable per rule and object, whatever the message says (counts in it change between runs) and
   * wherever the object moves in the file: GitHub then keeps one alert per object and rule.
   */
  static String fingerprint(String rule, ObjectRef object) {
    String key = String.join("\n", rule, object.kind(),
        Objects.toString(object.namespace(), ""), object.name());
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
