package dev.haguard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report CRDs' schemas as crd-generator writes them from the report classes (at process-classes);
 * {@code EmbeddedCluster.serveReportApi} puts the same CRDs on the embedded API server. Upstream's CRDs (openreports/reports-api config/crd) cannot be fetched here:
 * the generated ones stand in, and PolicyReportsTest checks haguard's reports against their schemas.
 */
public final class ReportCrds {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ALWAYS_KEPT = Set.of("apiVersion", "kind", "metadata");

  private ReportCrds() {}

  /** The generated CRD file of {@code kind}. */
  public static Path file(Class<? extends HasMetadata> kind) {
    return ProjectFiles.path("target/classes/META-INF/fabric8/" + HasMetadata.getPlural(kind) + "."
        + HasMetadata.getGroup(kind) + "-v1.yml");
  }

  /** The openAPIV3Schema of {@code kind}'s generated CRD. */
  public static JsonNode schema(Class<? extends HasMetadata> kind) throws IOException {
    return YAML.readTree(file(kind).toFile())
        .path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
  }

  /**
   * Asserts that {@code report} (as JSON) is valid by its kind's generated CRD and that the API server
   * would prune none of its fields.
   */
  public static void assertValid(JsonNode report, Class<? extends HasMetadata> kind) throws IOException {
    JsonNode schema = schema(kind);
    JsonSchemas.assertValid(JsonSchemas.draft4(schema), report);
    assertThat(undeclared(report, schema)).as(HasMetadata.getKind(kind) + " fields the API server would prune")
        .isEmpty();
  }

  /** The paths in {@code json} that {@code schema} does not declare: a structural schema prunes them silently. */
  public static List<String> undeclared(JsonNode json, JsonNode schema) {
    return undeclared(json, schema, "");
  }

  private static List<String> undeclared(JsonNode json, JsonNode schema, String path) {
    List<String> found = new ArrayList<>();
    if (json.isObject() && schema.has("properties")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode declared = schema.path("properties").path(field.getKey());
        if (declared.isMissingNode()) {
          // The API server keeps an object's type and metadata whatever its schema says.
          if (!(path.isEmpty() && ALWAYS_KEPT.contains(field.getKey()))) {
            found.add(path + "." + field.getKey());
          }
        } else {
          found.addAll(undeclared(field.getValue(), declared, path + "." + field.getKey()));
        }
      }
    } else if (json.isArray() && schema.has("items")) {
      for (JsonNode item : json) {
        found.addAll(undeclared(item, schema.path("items"), path + "[]"));
      }
    }
    return found;
  }
}
