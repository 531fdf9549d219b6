package dev.haguard.registry;

import dev.haguard.image.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The manifest media types haguard asks for, and what it reads from an index. */
public final class ManifestTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  /** The Accept header: indexes first, so that a multi-arch tag answers with its index digest. */
  public static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private static final Set<String> KNOWN = Set.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestTypes() {}

  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
  }

  /** The media type without parameters ({@code ; charset=...}), lower-case; null stays null. */
  public static String normalise(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String bare = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
    return bare.strip().toLowerCase(Locale.ROOT);
  }

  public static boolean isKnown(String mediaType) {
    return KNOWN.contains(mediaType);
  }

  /** The {@code mediaType} field of a manifest body, or null; malformed JSON is an IOException. */
  static String mediaTypeOf(byte[] body) throws IOException {
    JsonNode mediaType = parse(body).get("mediaType");
    return mediaType != null && mediaType.isTextual() ? mediaType.asText() : null;
  }

  /** The platforms listed in an index body ({@code manifests[].platform}); malformed JSON is an IOException. */
  static List<Platform> platformsOf(byte[] body) throws IOException {
    JsonNode manifests = parse(body).get("manifests");
    if (manifests == null || !manifests.isArray()) {
      throw new IOException("the index has no manifests list");
    }
    List<Platform> platforms = new ArrayList<>();
    for (JsonNode entry : manifests) {
      JsonNode platform = entry.get("platform");
      if (platform != null && platform.isObject()) {
        platforms.add(new Platform(text(platform, "os"), text(platform, "architecture"), text(platform, "variant")));
      }
    }
    return platforms;
  }

  private static JsonNode parse(byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    if (root == null || !root.isObject()) {
      throw new IOException("the manifest is not a JSON object");
    }
    return root;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
