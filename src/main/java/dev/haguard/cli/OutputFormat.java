package dev.haguard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.haguard.Haguard;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.report.ObjectOrigins;
import dev.haguard.report.ReportInput;
import dev.haguard.report.html.HtmlReport;
import dev.haguard.report.openreports.PolicyReports;
import dev.haguard.report.openreports.ReportApi;
import dev.haguard.report.sarif.SarifReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/** How {@code audit} prints its result: a report for people, exactly the status shape, or a report format. */
enum OutputFormat {
  TABLE,
  JSON,
  YAML,
  SARIF,
  OPENREPORTS,
  HTML;

  /**
   * The status as the operator's serialization writes it (fabric8 leaves null fields out), indented.
   * A plain mapper: fabric8's modules change nothing in this shape, but their property writers
   * start logback, a tenth of a second of every CLI run.
   */
  private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
      .build();

  /**
   * Prints the result.
   *
   * @param report  the report input, built only for the report formats
   * @param origins where the input's objects were read, for SARIF's locations
   */
  void write(ClusterPolicyStatus status, Supplier<ReportInput> report, ObjectOrigins origins, PrintWriter out,
      boolean colour) {
    switch (this) {
      case TABLE -> new TableReport(status, colour).print(out);
      case JSON -> out.println(json(status));
      case YAML -> out.print(Yaml.SERIALIZATION.asYaml(status));
      case SARIF -> out.println(SarifReport.json(SarifReport.of(report.get(), origins, version())));
      case OPENREPORTS -> out.print(Yaml.SERIALIZATION.asYaml(kubernetesList(
          PolicyReports.of(report.get(), ReportApi.OPENREPORTS, PolicyReports.MAX_RESULTS))));
      case HTML -> out.print(HtmlReport.render(report.get()));
    }
    out.flush();
  }

  private static String version() {
    try {
      return Haguard.version();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(ClusterPolicyStatus status) {
    try {
      return JSON_MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A v1 List, which {@code kubectl apply -f -} takes whole. */
  private static KubernetesList kubernetesList(List<? extends HasMetadata> items) {
    KubernetesList list = new KubernetesList();
    list.setItems(List.copyOf(items));
    return list;
  }

  /** fabric8's YAML writer, built only when YAML is asked for. */
  private static final class Yaml {
    static final KubernetesSerialization SERIALIZATION =
        new KubernetesSerialization(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT), false);
  }

  /** picocli's converter: {@code -o json}. */
  static final class Converter extends LowerCaseEnumConverter<OutputFormat> {
    Converter() {
      super(OutputFormat.class);
    }
  }
}
