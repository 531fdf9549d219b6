package dev.haguard.registry;

import dev.haguard.image.Platform;
import dev.haguard.image.ImageReference;
import java.util.List;

/**
 * What a registry said a tag points to.
 *
 * @param image     the reference that was resolved
 * @param digest    {@code sha256:<64 hex>}: for a multi-arch image, the index's digest, never one platform's
 * @param mediaType the manifest's media type, or null for an image that was already pinned
 * @param platforms the platforms of a multi-arch index (empty for a single manifest, or when not read)
 */
public record ResolvedDigest(ImageReference image, String digest, String mediaType, List<Platform> platforms) {
  public ResolvedDigest {
    platforms = List.copyOf(platforms);
  }

  /** Whether the digest names an index (OCI image index or Docker manifest list). */
  public boolean isIndex() {
    return ManifestTypes.isIndex(mediaType);
  }

  /** The image written as {@code name:tag@digest}, the tag kept for readers. */
  public String pinnedReference() {
    return image.withDigest(digest);
  }
}
