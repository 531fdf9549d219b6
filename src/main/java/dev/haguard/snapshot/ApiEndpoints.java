package dev.haguard.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haguard.input.InputException;
import dev.haguard.input.YamlInput;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the apiserver endpoint in cluster-info and resolves it. The only place haguard asks DNS,
 * outside the pure analysis, through the JDK resolver (so {@code -Djdk.net.hosts.file} works).
 */
public final class ApiEndpoints {
  /** The JDK's resolver: {@link InetAddress#getAllByName}. */
  public static final HostResolver JDK =
      host -> Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress).distinct().toList();

  private ApiEndpoints() {}

  /** The server URL of cluster-info's kubeconfig, if it has one. */
  public static Optional<String> serverUrl(ConfigMap clusterInfo) {
    if (clusterInfo.getData() == null || clusterInfo.getData().get("kubeconfig") == null) {
      return Optional.empty();
    }
    // Through the one YAML layer (anchors resolved), as a plain tree: fabric8's static
    // Serialization would cost a fresh audit JVM most of a second to set up, for one string.
    try {
      List<JsonNode> documents = YamlInput.documents(clusterInfo.getData().get("kubeconfig"), "cluster-info kubeconfig");
      JsonNode server = documents.isEmpty() ? null : documents.get(0).path("clusters").path(0).path("cluster").path("server");
      return server != null && server.isTextual() ? Optional.of(server.asText()) : Optional.empty();
    } catch (InputException e) {
      return Optional.empty();
    }
  }

  /** Reads and resolves the endpoint of cluster-info; empty when there is no usable server URL. */
  public static Optional<ApiEndpoint> resolve(ConfigMap clusterInfo, HostResolver resolver) {
    return serverUrl(clusterInfo).map(server -> resolve(server, resolver));
  }

  static ApiEndpoint resolve(String server, HostResolver resolver) {
    String host;
    try {
      host = URI.create(server).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null) {
      return new ApiEndpoint(server, null, List.of(), "the server URL has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new ApiEndpoint(server, host, List.copyOf(resolver.resolve(host)), null);
    } catch (UnknownHostException e) {
      // The JDK's message carries what the resolver answered, e.g. "Name or service not known".
      String answer = e.getMessage() == null || e.getMessage().isBlank() ? "no address" : e.getMessage();
      return new ApiEndpoint(server, host, List.of(), "cannot resolve " + host + ": the resolver answered: " + answer);
    }
  }
}
