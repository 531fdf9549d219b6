package dev.haguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How {@code audit} prints its result: a report for people, or exactly the status shape. */
enum OutputFormat {
  TABLE,
  JSON,
  YAML;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(MAPPER, false);

  static {
    MAPPER.enable(SerializationFeature.INDENT_OUTPUT);
  }

  void write(ClusterPolicyStatus status, PrintWriter out, boolean colour) {
    switch (this) {
      case TABLE -> new TableReport(status, colour).print(out);
      case JSON -> out.println(json(status));
      case YAML -> out.print(SERIALIZATION.asYaml(status));
    }
    out.flush();
  }

  private static String json(ClusterPolicyStatus status) {
    try {
      return MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** picocli's converter: {@code -o json}. */
  static final class Converter extends LowerCaseEnumConverter<OutputFormat> {
    Converter() {
      super(OutputFormat.class);
    }
  }
}
