package dev.haguard.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd client URLs, as {@code spec.etcd.endpoints} and {@code audit --etcd-endpoints} give them:
 * {@code http} or {@code https}, a host and an explicit port, nothing else (no credentials in a URL).
 */
public final class EtcdEndpoints {
  private EtcdEndpoints() {}

  /** Parses {@code values}; each bad one adds an error naming {@code field[i]}. */
  public static List<URI> parse(List<SpecError> errors, String field, List<String> values) {
    List<URI> endpoints = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String problem = problem(value);
      if (problem != null) {
        errors.add(new SpecError(field + "[" + i + "]", "\"" + value + "\" " + problem));
      } else {
        endpoints.add(URI.create(value));
      }
    }
    return List.copyOf(endpoints);
  }

  /** What is wrong with {@code value} as an etcd client URL, or null when nothing is. */
  static String problem(String value) {
    if (value == null || value.isBlank()) {
      return "is empty";
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return "is not a URL: " + e.getReason();
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      return "must start with http:// or https://";
    }
    if (uri.getHost() == null) {
      return "has no host";
    }
    if (uri.getPort() < 1 || uri.getPort() > 65535) {
      return "needs a port (etcd's client port is usually 2379)";
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
      return "must be scheme://host:port only";
    }
    return null;
  }
}
