package dev.haguard.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd client URLs, as {@code spec.etcd.endpoints} and {@code audit --etcd-endpoints} give them:
 * {@code http} or {@code https}, a host and an explicit port, nothing else (no credentials in a URL).
 */
public final class EtcdEndpoints {
  /** The port at the end of an authority, as written. */
  private static final Pattern PORT = Pattern.compile(":([0-9]+)$");

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
    // A port beyond an int leaves URI without a host: the port is what to name, not the host.
    Matcher port = PORT.matcher(uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
    if (port.find() && !isPort(port.group(1))) {
      return "has port " + port.group(1) + ", out of the range 1-65535";
    }
    if (uri.getHost() == null) {
      return "has no host";
    }
    if (uri.getPort() == -1) {
      return "needs a port (etcd's client port is usually 2379)";
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
      return "must be scheme://host:port only";
    }
    return null;
  }

  private static boolean isPort(String digits) {
    String significant = digits.replaceFirst("^0+", "");
    return !significant.isEmpty() && significant.length() <= 5 && Integer.parseInt(significant) <= 65535;
  }
}
