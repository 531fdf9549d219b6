package dev.haguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.image.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials by registry host, read from a dockerconfigjson ({@code auths} map with {@code auth}
 * = base64 user:pass, or {@code username}/{@code password}, or {@code identitytoken}). The operator
 * builds one from imagePullSecrets and ServiceAccount secrets ({@link #merge}), the CLI from
 * {@code --docker-config}. Nothing here ever prints a secret.
 */
public final class RegistryCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RegistryCredentials NONE = new RegistryCredentials(Map.of());

  /**
   * One registry's credential: a user and password, or an identity token (an OAuth2 refresh token).
   */
  public record Credential(String username, String password, String identityToken) {
    public boolean hasIdentityToken() {
      return identityToken != null && !identityToken.isEmpty();
    }

    /** The {@code Authorization: Basic ...} value. */
    String basicAuthorization() {
      String pair = (username == null ? "" : username) + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Credential[username=" + username + ", secret=<redacted>]";
    }
  }

  private final Map<String, Credential> byHost;

  private RegistryCredentials(Map<String, Credential> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  public static RegistryCredentials none() {
    return NONE;
  }

  /** Reads a docker config file ({@code ~/.docker/config.json} or a dockerconfigjson secret's data). */
  public static RegistryCredentials fromFile(Path file) throws RegistrySetupException {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new RegistrySetupException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new RegistrySetupException(file + ": cannot read: permission denied");
    } catch (IOException e) {
      throw new RegistrySetupException(file + ": cannot read: " + e.getMessage());
    } catch (RegistrySetupException e) {
      throw new RegistrySetupException(file + ": " + e.getMessage());
    }
  }

  /**
   * Parses a dockerconfigjson ({@code {"auths": {...}}}) or a legacy dockercfg (the map alone).
   *
   * @throws RegistrySetupException naming the entry that is wrong, never its secret
   */
  public static RegistryCredentials fromJson(String json) throws RegistrySetupException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new RegistrySetupException("not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new RegistrySetupException("not a JSON object");
    }
    JsonNode auths = root.has("auths") ? root.get("auths") : root;
    if (!auths.isObject()) {
      throw new RegistrySetupException("\"auths\" is not an object");
    }
    Map<String, Credential> byHost = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      byHost.putIfAbsent(normaliseHost(entry.getKey()), credential(entry.getKey(), entry.getValue()));
    }
    return new RegistryCredentials(byHost);
  }

  /** All credentials together; for a host in several, the first wins (as the kubelet reads imagePullSecrets). */
  public static RegistryCredentials merge(List<RegistryCredentials> all) {
    Map<String, Credential> byHost = new HashMap<>();
    for (RegistryCredentials credentials : all) {
      credentials.byHost.forEach(byHost::putIfAbsent);
    }
    return new RegistryCredentials(byHost);
  }

  /** The credential for a registry host[:port] as written in image references ({@code docker.io} for Docker Hub). */
  public Optional<Credential> forRegistry(String registry) {
    return Optional.ofNullable(byHost.get(normaliseHost(registry)));
  }

  public boolean isEmpty() {
    return byHost.isEmpty();
  }

  @Override
  public String toString() {
    return "RegistryCredentials" + byHost.keySet();
  }

  private static Credential credential(String host, JsonNode entry) throws RegistrySetupException {
    if (!entry.isObject()) {
      throw new RegistrySetupException("the entry for " + host + " is not an object");
    }
    String identityToken = text(entry, "identitytoken");
    String username = text(entry, "username");
    String password = text(entry, "password");
    String auth = text(entry, "auth");
    if (auth != null && !auth.isEmpty() && username == null) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new RegistrySetupException("the \"auth\" of " + host + " is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new RegistrySetupException("the \"auth\" of " + host + " is not user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (username == null && identityToken == null) {
      throw new RegistrySetupException("the entry for " + host + " has neither auth, username nor identitytoken");
    }
    return new Credential(username, password, identityToken);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** {@code https://index.docker.io/v1/} and {@code registry-1.docker.io} are both {@code docker.io}. */
  static String normaliseHost(String key) {
    String host = key.strip().toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    if (host.equals("index.docker.io") || host.equals(ImageReference.DOCKER_HUB_API_HOST)) {
      return ImageReference.DOCKER_HUB;
    }
    return host;
  }
}
