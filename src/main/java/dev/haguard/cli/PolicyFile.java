package dev.haguard.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.input.InputException;
import dev.haguard.input.YamlInput;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.source.ParseErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code --policy FILE}: one ClusterPolicy in YAML (through the project's YAML layer) or
 * JSON (duplicate keys refused), read leniently (a spec that
 * does not bind is reported, naming the field) and validated by the same resolver the operator uses.
 */
final class PolicyFile {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final String API_VERSION = HasMetadata.getApiVersion(ClusterPolicy.class);

  private PolicyFile() {}

  static Policy read(Path file) throws BadInputException {
    ClusterPolicy policy = parse(file);
    try {
      return PolicyResolver.resolve(policy);
    } catch (InvalidPolicyException e) {
      throw new BadInputException(file + ": invalid policy: " + e.getMessage());
    }
  }

  /** The ClusterPolicy's name, which reports name as their policy. */
  static String name(Path file) throws BadInputException {
    ClusterPolicy policy = parse(file);
    String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
    return name == null ? AuditCommand.DEFAULT_POLICY_NAME : name;
  }

  private static ClusterPolicy parse(Path file) throws BadInputException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new BadInputException(file + ": permission denied");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    ClusterPolicy policy;
    try {
      JsonNode tree = text.stripLeading().startsWith("{") ? JSON.readTree(text) : yamlDocument(text, file);
      if (tree == null || !tree.isObject()) {
        throw new BadInputException(file + ": expected a ClusterPolicy object");
      }
      String kind = tree.path("kind").asText(null);
      String apiVersion = tree.path("apiVersion").asText(null);
      if (!"ClusterPolicy".equals(kind) || !API_VERSION.equals(apiVersion)) {
        throw new BadInputException(
            file + ": not a ClusterPolicy of " + API_VERSION + " (found " + kind + " of " + apiVersion + ")");
      }
      policy = SERIALIZATION.convertValue(tree, ClusterPolicy.class);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(file + ": " + describe(e));
    }
    return policy;
  }

  /** The one document of a YAML policy, read by the project's YAML layer (YAML 1.2: {@code off} is a string). */
  private static JsonNode yamlDocument(String text, Path file) throws BadInputException {
    List<JsonNode> documents;
    try {
      documents = YamlInput.documents(text, file.toString());
    } catch (InputException e) {
      throw new BadInputException(e.getMessage());
    }
    if (documents.size() > 1) {
      throw new BadInputException(file + ": " + documents.size() + " YAML documents; expected one ClusterPolicy");
    }
    return documents.isEmpty() ? null : documents.get(0);
  }

  /** The parse or binding error in the chain (fabric8 wraps Jackson's) says where. */
  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException s) {
        String where = ParseErrors.location(s);
        return (where == null ? "" : where + ": ") + "syntax error: " + ParseErrors.problem(s);
      }
      if (t instanceof JsonMappingException m) {
        return "cannot be read as a ClusterPolicy: " + m.getOriginalMessage().lines().findFirst().orElse("");
      }
    }
    return "cannot be read as a ClusterPolicy: " + e.getMessage();
  }
}
