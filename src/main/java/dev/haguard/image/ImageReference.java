package dev.haguard.image;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, parsed by the OCI distribution reference grammar, in one place:
 * the analysis, the registry client, remediation and {@code pin} all read images through it.
 *
 * <p>{@code registry.local:5000/team/app} has a registry with a port and no tag;
 * {@code app@sha256:...} and {@code app:1.2@sha256:...} are pinned. Names are normalised as
 * Docker does: {@code nginx} is {@code docker.io/library/nginx}.
 *
 * @param original   the string as written in the manifest
 * @param registry   the registry host[:port], {@code docker.io} when none is written
 * @param repository the repository path, with {@code library/} added for official Docker Hub images
 * @param tag        the tag, or null when none is written
 * @param digest     the digest ({@code algorithm:hex}), or null
 */
public record ImageReference(String original, String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";
  /** Where Docker Hub's registry API really answers. */
  public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern DOMAIN_PATTERN = Pattern.compile(DOMAIN);
  private static final Pattern REMOTE_NAME = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final int MAX_NAME_LENGTH = 255;
  /** The algorithms the kubelet's digest parser accepts, with their length in lower-case hex digits. */
  private static final Map<String, Integer> DIGEST_HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);
  private static final String SHA256_PREFIX = "sha256:";

  /**
   * Parses {@code image}.
   *
   * @throws InvalidImageReferenceException naming what is wrong, for strings the kubelet would
   *     refuse with InvalidImageName
   */
  public static ImageReference parse(String image) throws InvalidImageReferenceException {
    if (image == null || image.isEmpty()) {
      throw new InvalidImageReferenceException(image, "the image is empty");
    }
    if (!image.equals(image.strip())) {
      throw new InvalidImageReferenceException(image, "the image has leading or trailing white space");
    }
    String rest = image;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidImageReferenceException(image, "\"" + digest + "\" is not a valid digest");
      }
      checkDigestAlgorithm(image, digest);
    }
    String tag = null;
    int lastColon = rest.lastIndexOf(':');
    int lastSlash = rest.lastIndexOf('/');
    if (lastColon > lastSlash) {
      // A colon after the last slash separates the tag; one before it belongs to a registry port.
      tag = rest.substring(lastColon + 1);
      rest = rest.substring(0, lastColon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidImageReferenceException(image, tag.isEmpty() ? "the tag is empty"
            : "\"" + tag + "\" is not a valid tag");
      }
    }
    if (rest.isEmpty()) {
      throw new InvalidImageReferenceException(image, "the repository name is empty");
    }
    if (rest.length() > MAX_NAME_LENGTH) {
      throw new InvalidImageReferenceException(image, "the repository name is longer than 255 characters");
    }
    String registry = DOCKER_HUB;
    String remote = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      // Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.equals(first.toLowerCase(Locale.ROOT))) {
        if (!DOMAIN_PATTERN.matcher(first).matches()) {
          throw new InvalidImageReferenceException(image, "\"" + first + "\" is not a valid registry host");
        }
        registry = first;
        remote = rest.substring(slash + 1);
      }
    }
    if (!REMOTE_NAME.matcher(remote).matches()) {
      String why = !remote.equals(remote.toLowerCase(Locale.ROOT))
          ? "the repository name must be lower-case"
          : "\"" + remote + "\" is not a valid repository name";
      throw new InvalidImageReferenceException(image, why);
    }
    if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API_HOST)) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !remote.contains("/")) {
      remote = "library/" + remote;
    }
    return new ImageReference(image, registry, remote, tag, digest);
  }

  private static void checkDigestAlgorithm(String image, String digest) throws InvalidImageReferenceException {
    int colon = digest.indexOf(':');
    String algorithm = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    Integer length = DIGEST_HEX_LENGTHS.get(algorithm);
    if (length == null) {
      throw new InvalidImageReferenceException(image, "unsupported digest algorithm \"" + algorithm
          + "\" (use sha256)");
    }
    if (hex.length() != length || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
      throw new InvalidImageReferenceException(image, "a " + algorithm + " digest has " + length
          + " lower-case hex digits");
    }
  }

  /** Parses, returning empty for an invalid reference. */
  public static Optional<ImageReference> tryParse(String image) {
    try {
      return Optional.of(parse(image));
    } catch (InvalidImageReferenceException e) {
      return Optional.empty();
    }
  }

  public boolean isPinned() {
    return digest != null;
  }

  /**
   * Whether the reference can point at other content tomorrow: no digest, and a tag from
   * {@code mutableTags} or no tag at all (which Kubernetes reads as {@code latest}).
   */
  public boolean isMutable(Collection<String> mutableTags) {
    return digest == null && (tag == null || mutableTags.contains(tag));
  }

  /** The tag as Kubernetes reads it: the written tag, or {@code latest} when neither tag nor digest is written. */
  public String effectiveTag() {
    return tag != null ? tag : (digest == null ? "latest" : null);
  }

  /** The host to send registry API requests to ({@code registry-1.docker.io} for Docker Hub). */
  public String apiHost() {
    return DOCKER_HUB.equals(registry) ? DOCKER_HUB_API_HOST : registry;
  }

  /** {@code registry/repository}: the same image whatever tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The reference pinned to {@code newDigest}, keeping the tag as written for readers: {@code app:1.2@sha256:...}. */
  public String withDigest(String newDigest) {
    int at = original.indexOf('@');
    String base = at >= 0 ? original.substring(0, at) : original;
    return base + "@" + newDigest;
  }

  /** Whether {@code candidate} is a registry host[:port] as image references write it: {@code registry.local:5000}. */
  public static boolean isRegistryHost(String candidate) {
    return candidate != null && DOMAIN_PATTERN.matcher(candidate).matches();
  }

  /** Whether {@code candidate} is a well-formed digest: {@code sha256:} and 64 lower-case hex digits. */
  public static boolean isSha256Digest(String candidate) {
    return candidate != null && SHA256.matcher(candidate).matches();
  }

  /** Extracts the digest from a containerStatuses[].imageID such as {@code docker-pullable://app@sha256:...}. */
  public static Optional<String> digestOfImageId(String imageId) {
    // Called for every container of every pod: a scan, not a regex.
    if (imageId == null) {
      return Optional.empty();
    }
    int start = imageId.lastIndexOf(SHA256_PREFIX);
    while (start >= 0) {
      int end = start + SHA256_PREFIX.length() + DIGEST_HEX_LENGTHS.get("sha256");
      if (end <= imageId.length() && isLowerHex(imageId, start + SHA256_PREFIX.length(), end)
          && (end == imageId.length() || !isLowerHexChar(imageId.charAt(end)))) {
        return Optional.of(imageId.substring(start, end));
      }
      start = start == 0 ? -1 : imageId.lastIndexOf(SHA256_PREFIX, start - 1);
    }
    return Optional.empty();
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isLowerHexChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHexChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  @Override
  public String toString() {
    return original;
  }
}
