package dev.haguard.remediation;

import dev.haguard.image.ImageReference;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a registry which digest an image's tag points at. The registry client is adapted to it; a
 * failed future (registry down, denied, not found) leaves that image unpinned until a later pass.
 */
@FunctionalInterface
public interface DigestResolver {

  CompletableFuture<ResolvedDigest> resolve(ImageReference image, PullContext pull);

  /**
   * What a registry client needs to find credentials for a workload's image: its namespace, its
   * imagePullSecrets and its ServiceAccount (whose imagePullSecrets also count). Names, never secrets.
   */
  record PullContext(String namespace, List<String> imagePullSecrets, String serviceAccountName) {
    public PullContext {
      imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
    }
  }

  /** The digest the registry gave for the tag ({@code sha256:...}; for a multi-arch image, the index's). */
  record ResolvedDigest(String digest) {}
}
