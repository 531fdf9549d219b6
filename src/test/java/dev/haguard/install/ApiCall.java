package dev.haguard.install;

import dev.haguard.support.FaultProxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One API request as RBAC authorises it: namespace (null for a cluster-scoped object or a
 * cluster-wide list), API group, resource (with its subresource, e.g. {@code clusterpolicies/status}),
 * name (from the path, or from a {@code metadata.name} field selector on a list or watch, which RBAC
 * checks against resourceNames) and verb.
 */
record ApiCall(String namespace, String apiGroup, String resource, String name, String verb) {

  /** The call a recorded request makes; empty for what is not a resource request (discovery, /version). */
  static Optional<ApiCall> of(FaultProxy.Request request) {
    List<String> parts = Arrays.stream(request.path().split("/")).filter(p -> !p.isEmpty()).toList();
    int at;
    String group;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      at = 2;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      at = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (parts.size() > at + 2 && parts.get(at).equals("namespaces")) {
      namespace = parts.get(at + 1);
      at += 2;
    }
    String resource = parts.get(at);
    String name = parts.size() > at + 1 ? parts.get(at + 1) : null;
    if (parts.size() > at + 2) {
      resource += "/" + parts.get(at + 2);
    }
    String verb = verb(request, name != null);
    if (name == null && (verb.equals("list") || verb.equals("watch"))) {
      name = fieldSelectedName(request.query());
    }
    return Optional.of(new ApiCall(namespace, group, resource, name, verb));
  }

  private static String verb(FaultProxy.Request request, boolean named) {
    return switch (request.method()) {
      case "GET" -> named ? "get" : request.watch() || request.query().contains("watch=true") ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> request.method().toLowerCase();
    };
  }

  private static String fieldSelectedName(String query) {
    for (String param : query.split("&")) {
      String decoded = URLDecoder.decode(param, StandardCharsets.UTF_8);
      if (decoded.startsWith("fieldSelector=metadata.name=")) {
        return decoded.substring("fieldSelector=metadata.name=".length());
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource + (name == null ? "" : " " + name)
        + (namespace == null ? "" : " in " + namespace);
  }
}
