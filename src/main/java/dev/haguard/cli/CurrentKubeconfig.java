package dev.haguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.input.InputException;
import dev.haguard.input.YamlInput;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The client configuration of the current kubeconfig, its YAML read by the project's one YAML
 * layer (anchors, aliases and merge keys resolved; a duplicate key or a syntax error is one line
 * naming the file and line, exit 2) rather than by fabric8's own reader.
 *
 * <p>fabric8's {@link Config#autoConfigure} stays in charge of what it alone does: with no
 * kubeconfig file (in a pod) it takes the service account, and several files in KUBECONFIG it
 * merges itself (each is still checked through the layer first). One file, the usual case, is
 * handed to fabric8 resolved, as JSON, with its relative file paths made absolute (fabric8 resolves
 * them against the file, which it no longer sees); system properties and environment variables
 * still apply on top, as autoConfigure applies them.
 */
final class CurrentKubeconfig {
  /** Fields holding a file path that kubectl resolves against the kubeconfig's directory. */
  private static final Set<String> PATH_FIELDS = Set.of("certificate-authority", "client-certificate", "client-key", "tokenFile");
  private static final String TRY_KUBECONFIG = "kubernetes.auth.tryKubeConfig";

  private CurrentKubeconfig() {}

  static Config load() throws BadInputException {
    if ("false".equalsIgnoreCase(System.getProperty(TRY_KUBECONFIG))) {
      return Config.autoConfigure(null);
    }
    List<Path> files = Config.getKubeconfigFilenames().stream().map(Path::of).filter(Files::isRegularFile).toList();
    JsonNode single = null;
    for (Path file : files) {
      single = resolved(file);
    }
    if (files.size() != 1 || single == null) {
      return Config.autoConfigure(null);
    }
    requireCurrentContext(single, files.get(0));
    absolutePaths(single.path("clusters"), "cluster", files.get(0));
    absolutePaths(single.path("users"), "user", files.get(0));
    return Config.fromKubeconfig(null, single.toString(), null);
  }

  /** The file's one document, resolved; null for an empty file. */
  static JsonNode resolved(Path file) throws BadInputException {
    try {
      List<JsonNode> documents = YamlInput.documents(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      if (documents.size() > 1) {
        throw new BadInputException(file + ": a kubeconfig is one YAML document, found " + documents.size());
      }
      JsonNode root = documents.isEmpty() ? null : documents.get(0);
      if (root != null && !root.isNull() && !root.isObject()) {
        throw new BadInputException(file + ": not a kubeconfig (its document is not a mapping)");
      }
      return root == null || root.isNull() ? null : root;
    } catch (InputException e) {
      throw new BadInputException("kubeconfig " + e.getMessage());
    } catch (IOException e) {
      throw new BadInputException("kubeconfig " + file + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * kubectl refuses a current-context that names no context, or a context whose cluster is not
   * listed; fabric8 would quietly fall back to the in-cluster address and report it unreachable.
   */
  private static void requireCurrentContext(JsonNode kubeconfig, Path file) throws BadInputException {
    String current = kubeconfig.path("current-context").asText("");
    if (current.isEmpty()) {
      return;
    }
    JsonNode context = named(kubeconfig.path("contexts"), current);
    if (context == null) {
      throw new BadInputException("kubeconfig " + file + ": current-context \"" + current
          + "\" is not one of its contexts " + names(kubeconfig.path("contexts")));
    }
    String cluster = context.path("context").path("cluster").asText("");
    if (named(kubeconfig.path("clusters"), cluster) == null) {
      throw new BadInputException("kubeconfig " + file + ": context \"" + current + "\" names cluster \"" + cluster
          + "\", which is not one of its clusters " + names(kubeconfig.path("clusters")));
    }
  }

  private static JsonNode named(JsonNode entries, String name) {
    for (JsonNode entry : entries) {
      if (name.equals(entry.path("name").asText(null))) {
        return entry;
      }
    }
    return null;
  }

  private static String names(JsonNode entries) {
    List<String> names = new ArrayList<>();
    entries.forEach(entry -> names.add(entry.path("name").asText("")));
    return names.isEmpty() ? "(none)" : "(" + String.join(", ", names) + ")";
  }

  private static void absolutePaths(JsonNode named, String entry, Path file) {
    Path directory = file.toAbsolutePath().getParent();
    for (JsonNode each : named) {
      if (each.path(entry) instanceof ObjectNode fields) {
        for (String field : PATH_FIELDS) {
          JsonNode value = fields.get(field);
          if (value != null && value.isTextual() && !value.asText().isEmpty() && !Path.of(value.asText()).isAbsolute()) {
            fields.put(field, directory.resolve(value.asText()).toString());
          }
        }
      }
    }
  }
}
