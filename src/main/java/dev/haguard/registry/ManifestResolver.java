package dev.haguard.registry;

import dev.haguard.image.Platform;
import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryClient.ManifestAnswer;
import dev.haguard.registry.RegistryCredentials.Credential;
import dev.haguard.registry.RegistryException.Failure;
import dev.haguard.registry.RegistryRequests.Kind;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The distribution API conversation for one tag: learn how the registry authenticates (once per
 * registry), HEAD the manifest for its {@code Docker-Content-Digest} (GET and hash the body when the
 * header is missing), check every digest before believing it, and read an index's platforms.
 */
final class ManifestResolver {
  private static final String DIGEST_HEADER = "Docker-Content-Digest";
  private static final long PING_BODY_LIMIT = 64 * 1024;

  private final HttpRegistry http;
  private final BearerTokens tokens;
  private final RegistrySettings settings;
  private final SingleFlightCache<String, AuthChallenge> challenges;

  ManifestResolver(HttpRegistry http, BearerTokens tokens, RegistrySettings settings) {
    this.http = http;
    this.tokens = tokens;
    this.settings = settings;
    this.challenges = new SingleFlightCache<>(settings.clock(), settings.cacheTtl());
  }

  ManifestAnswer resolve(ImageReference image) throws RegistryException {
    String host = image.apiHost();
    String byTag = image.effectiveTag();
    HttpRegistry.Answer head = fetch(image, "HEAD", byTag, Kind.MANIFEST);
    Optional<String> header = head.status() == 405 ? Optional.empty() : head.header(DIGEST_HEADER);
    String mediaType = ManifestTypes.normalise(head.header("Content-Type").orElse(null));
    byte[] body = null;
    String digest;
    if (header.isPresent()) {
      digest = checkedFormat(host, header.get());
    } else {
      HttpRegistry.Answer get = fetch(image, "GET", byTag, Kind.MANIFEST);
      body = get.body();
      digest = sha256(body);
      Optional<String> told = get.header(DIGEST_HEADER);
      if (told.isPresent() && !told.get().equals(digest)) {
        throw new RegistryException(Failure.BAD_ANSWER, host, "the digest header " + told.get()
            + " does not match the manifest it sent (" + digest + ")");
      }
      mediaType = ManifestTypes.normalise(get.header("Content-Type").orElse(null));
      if (mediaType == null || mediaType.equals("application/json")) {
        mediaType = parsed(host, () -> ManifestTypes.mediaTypeOf(get.body()));
      }
    }
    if (!ManifestTypes.isKnown(mediaType)) {
      throw new RegistryException(Failure.BAD_ANSWER, host, "answered a manifest of unexpected type " + mediaType);
    }
    List<Platform> platforms = List.of();
    if (ManifestTypes.isIndex(mediaType) && settings.readPlatforms()) {
      byte[] index = body != null ? body : verified(host, digest, fetch(image, "GET", digest, Kind.INDEX).body());
      platforms = parsed(host, () -> ManifestTypes.platformsOf(index));
    }
    return new ManifestAnswer(digest, mediaType, platforms);
  }

  /** A manifest request with auth; the answer is 2xx (or 405 for a HEAD the registry does not allow). */
  private HttpRegistry.Answer fetch(ImageReference image, String method, String reference, Kind kind)
      throws RegistryException {
    String host = image.apiHost();
    Optional<Credential> credential = settings.credentials().forRegistry(image.registry());
    String scope = "repository:" + image.repository() + ":pull";
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", ManifestTypes.ACCEPT);
    authorization(host, challenge(host), scope, credential).ifPresent(value -> headers.put("Authorization", value));
    HttpRegistry.Call call = new HttpRegistry.Call(host, kind, method,
        http.uri(host, "/v2/" + image.repository() + "/manifests/" + reference), headers, null,
        settings.maxManifestBytes());
    HttpRegistry.Answer answer = http.exchange(call);
    if (answer.status() == 401) {
      // The registry wants more than the ping said (another scope, or auth only on some repositories): one retry.
      Optional<AuthChallenge> asked = answer.header("WWW-Authenticate").flatMap(AuthChallenge::parse);
      Optional<String> retry = asked.isEmpty() ? Optional.empty()
          : authorization(host, asked.get(), asked.get().scope() != null ? asked.get().scope() : scope, credential);
      if (retry.isPresent() && !retry.get().equals(headers.get("Authorization"))) {
        headers.put("Authorization", retry.get());
        answer = http.exchange(new HttpRegistry.Call(host, kind, method, call.uri(), headers, null, call.maxBody()));
      }
    }
    int status = answer.status();
    if (status / 100 == 2 || (status == 405 && method.equals("HEAD"))) {
      return answer;
    }
    String what = image.repository() + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    if (status == 401 || status == 403) {
      throw new RegistryException(Failure.UNAUTHORIZED, host, (credential.isPresent()
          ? "refused the configured credentials for " : "needs credentials (none configured) for ") + what);
    }
    if (status == 404) {
      throw new RegistryException(Failure.NOT_FOUND, host, "has no manifest " + what);
    }
    throw new RegistryException(Failure.BAD_ANSWER, host, "answered " + status + " for " + what);
  }

  private Optional<String> authorization(String host, AuthChallenge challenge, String scope,
                                         Optional<Credential> credential) throws RegistryException {
    if (challenge.isBearer()) {
      return Optional.of("Bearer " + tokens.token(host, challenge, scope, credential));
    }
    if (challenge.isBasic() && credential.isPresent() && credential.get().username() != null) {
      return Optional.of(credential.get().basicAuthorization());
    }
    return Optional.empty();
  }

  /** How {@code host} authenticates, from {@code GET /v2/}: asked once per registry and cached. */
  private AuthChallenge challenge(String host) throws RegistryException {
    CompletableFuture<AuthChallenge> answer = challenges.get(host, () -> {
      try {
        return CompletableFuture.completedFuture(ping(host));
      } catch (RegistryException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
    try {
      return answer.join();
    } catch (CompletionException e) {
      throw RegistryClient.failureOf(e);
    }
  }

  private AuthChallenge ping(String host) throws RegistryException {
    HttpRegistry.Answer answer = http.exchange(
        new HttpRegistry.Call(host, Kind.PING, "GET", http.uri(host, "/v2/"), Map.of(), null, PING_BODY_LIMIT));
    if (answer.status() == 401) {
      return answer.header("WWW-Authenticate").flatMap(AuthChallenge::parse).orElse(AuthChallenge.NONE);
    }
    return AuthChallenge.NONE;
  }

  private static String checkedFormat(String host, String digest) throws RegistryException {
    if (!ImageReference.isSha256Digest(digest)) {
      throw new RegistryException(Failure.BAD_ANSWER, host, "answered a malformed digest header \""
          + abbreviate(digest) + "\" (expected sha256: and 64 lower-case hex digits)");
    }
    return digest;
  }

  private static byte[] verified(String host, String digest, byte[] body) throws RegistryException {
    String actual = sha256(body);
    if (!actual.equals(digest)) {
      throw new RegistryException(Failure.BAD_ANSWER, host,
          "the index fetched by digest " + digest + " hashes to " + actual + "; not trusted");
    }
    return body;
  }

  /** A parse step whose IOException means the registry sent something unusable. */
  private interface Parse<T> {
    T run() throws IOException;
  }

  private static <T> T parsed(String host, Parse<T> parse) throws RegistryException {
    try {
      return parse.run();
    } catch (IOException e) {
      throw new RegistryException(Failure.BAD_ANSWER, host, "answered a manifest that is not valid JSON");
    }
  }

  static String sha256(byte[] body) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "..." : value;
  }
}
