package dev.haguard.snapshot;

import dev.haguard.image.Platform;
import java.util.List;

/**
 * What a registry last said about one image, as the adapters heard it before the analysis ran:
 * the digest of the tag (with the platforms of a multi-arch index), or why it could not say. The
 * analysis reads these facts; it never asks a registry itself.
 *
 * @param digest    the digest the registry gave for the tag, or null when it failed
 * @param platforms the platforms of a multi-arch index; empty for a single-platform manifest
 * @param failure   why the digest could not be resolved (unreachable, unauthorized, ...), or null
 */
public record RegistryAnswer(String digest, List<Platform> platforms, String failure) {

  public static RegistryAnswer resolved(String digest, List<Platform> platforms) {
    return new RegistryAnswer(digest, List.copyOf(platforms), null);
  }

  public static RegistryAnswer failed(String reason) {
    return new RegistryAnswer(null, List.of(), reason);
  }

  public boolean isFailure() {
    return failure != null;
  }
}
