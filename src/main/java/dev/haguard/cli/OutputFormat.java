package dev.haguard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How {@code audit} prints its result: a report for people, or exactly the status shape. */
enum OutputFormat {
  TABLE,
  JSON,
  YAML;

  /**
   * The status as the operator's serialization writes it (fabric8 leaves null fields out), indented.
   * A plain mapper: fabric8's modules change nothing in this shape, but their property writers
   * start logback, a tenth of a second of every CLI run.
   */
  private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
      .build();

  void write(ClusterPolicyStatus status, PrintWriter out, boolean colour) {
    switch (this) {
      case TABLE -> new TableReport(status, colour).print(out);
      case JSON -> out.println(json(status));
      case YAML -> out.print(Yaml.SERIALIZATION.asYaml(status));
    }
    out.flush();
  }

  static String json(ClusterPolicyStatus status) {
    try {
      return JSON_MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
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
