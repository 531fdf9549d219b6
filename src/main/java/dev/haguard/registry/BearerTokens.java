package dev.haguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.registry.RegistryCredentials.Credential;
import dev.haguard.registry.RegistryException.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Bearer tokens from a registry's token realm ({@code WWW-Authenticate: Bearer realm=...}), anonymous or
 * with credentials (Basic, or an identity token as OAuth2 refresh token), cached per scope until they expire.
 */
final class BearerTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_TOKEN_BYTES = 64 * 1024;
  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  private record Token(String value, Instant expiresAt) {}

  private final HttpRegistry http;
  private final RegistrySettings settings;
  private final Map<String, Token> tokensByScope = new ConcurrentHashMap<>();
  private final Map<String, Object> locksByScope = new ConcurrentHashMap<>();

  BearerTokens(HttpRegistry http, RegistrySettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** A token for {@code scope} (e.g. {@code repository:team/app:pull}); one fetch per scope until it expires. */
  String token(String registry, AuthChallenge challenge, String scope, Optional<Credential> credential)
      throws RegistryException {
    String key = challenge.realm() + " " + challenge.service() + " " + scope;
    synchronized (locksByScope.computeIfAbsent(key, k -> new Object())) {
      Token cached = tokensByScope.get(key);
      if (cached != null && settings.clock().instant().isBefore(cached.expiresAt())) {
        return cached.value();
      }
      Token fresh = fetch(registry, challenge, scope, credential);
      tokensByScope.put(key, fresh);
      return fresh.value();
    }
  }

  private Token fetch(String registry, AuthChallenge challenge, String scope, Optional<Credential> credential)
      throws RegistryException {
    URI realm;
    try {
      realm = URI.create(challenge.realm());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(Failure.BAD_ANSWER, registry, "the token realm is not a URL");
    }
    boolean plain = "http".equalsIgnoreCase(realm.getScheme());
    if (realm.getHost() == null || !(plain || "https".equalsIgnoreCase(realm.getScheme()))) {
      throw new RegistryException(Failure.BAD_ANSWER, registry, "the token realm is not an http(s) URL");
    }
    if (plain && credential.isPresent() && !http.isPlainHttp(realm.getAuthority())) {
      throw new RegistryException(Failure.BAD_ANSWER, registry,
          "the token realm " + realm.getAuthority() + " is plain HTTP; credentials are not sent over it");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (challenge.service() != null) {
      params.put("service", challenge.service());
    }
    params.put("scope", scope);
    HttpRegistry.Call call;
    if (credential.isPresent() && credential.get().hasIdentityToken()) {
      params.put("grant_type", "refresh_token");
      params.put("client_id", "haguard");
      params.put("refresh_token", credential.get().identityToken());
      call = new HttpRegistry.Call(registry, RegistryRequests.Kind.TOKEN, "POST", realm,
          Map.of("Content-Type", "application/x-www-form-urlencoded"), form(params), MAX_TOKEN_BYTES);
    } else {
      String separator = realm.getRawQuery() == null ? "?" : "&";
      call = new HttpRegistry.Call(registry, RegistryRequests.Kind.TOKEN, "GET",
          URI.create(realm + separator + form(params)),
          credential.map(c -> Map.of("Authorization", c.basicAuthorization())).orElse(Map.of()), null, MAX_TOKEN_BYTES);
    }
    HttpRegistry.Answer answer = http.exchange(call);
    if (answer.status() == 401 || answer.status() == 403) {
      throw new RegistryException(Failure.UNAUTHORIZED, registry, "the token service " + realm.getAuthority()
          + " refused " + (credential.isPresent() ? "the configured credentials" : "an anonymous token"));
    }
    if (answer.status() != 200) {
      throw new RegistryException(Failure.BAD_ANSWER, registry, "the token service answered " + answer.status());
    }
    return parse(registry, answer.body());
  }

  private Token parse(String registry, byte[] body) throws RegistryException {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode token = root == null ? null : (root.hasNonNull("token") ? root.get("token") : root.get("access_token"));
      if (token == null || !token.isTextual() || token.asText().isEmpty()) {
        throw new IOException("no token in the answer");
      }
      Duration lifetime = root.path("expires_in").canConvertToLong() && root.path("expires_in").asLong() > 0
          ? Duration.ofSeconds(root.path("expires_in").asLong()) : DEFAULT_LIFETIME;
      Duration usable = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0
          ? lifetime.minus(EXPIRY_MARGIN) : lifetime.dividedBy(2);
      return new Token(token.asText(), settings.clock().instant().plus(usable));
    } catch (IOException e) {
      // Not e.getMessage(): a parser's message quotes the body, which may hold a token.
      throw new RegistryException(Failure.BAD_ANSWER, registry, "the token service's answer is not JSON with a token");
    }
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
