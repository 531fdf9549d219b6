package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
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
    try {
      io.fabric8.kubernetes.api.model.Config config =
          Serialization.unmarshal(clusterInfo.getData().get("kubeconfig"), io.fabric8.kubernetes.api.model.Config.class);
      return Optional.ofNullable(config.getClusters()).flatMap(cs -> cs.stream().findFirst())
          .map(NamedCluster::getCluster)
          .map(Cluster::getServer);
    } catch (RuntimeException e) {
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
      return new ApiEndpoint(server, host, List.of(), "cannot resolve " + host);
    }
  }
}
