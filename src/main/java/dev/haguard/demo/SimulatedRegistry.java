package dev.haguard.demo;

import dev.haguard.image.ImageReference;
import dev.haguard.image.Sha256;
import dev.haguard.registry.DigestLookup;
import dev.haguard.registry.ManifestTypes;
import dev.haguard.registry.RegistrySettings;
import dev.haguard.registry.ResolvedDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The demo's registry: every digest lookup is answered in-process, so that the demo never asks DNS
 * or a registry. The digests are simulated: a tag points to the sha256 of the image reference as
 * written, which is also the digest the demo's kubelet ({@link SimulatedControllers}) reports for a
 * pod running that tag; every image is a single-platform manifest. Never used by {@code haguard operator}.
 */
public final class SimulatedRegistry implements DigestLookup {
  public static final String NOTICE = "The demo answers registry lookups itself: a tag's digest is the sha256 of"
      + " the image reference (simulated); no DNS is asked and no registry is contacted.";

  private SimulatedRegistry() {}

  /** A {@link DigestLookup.Factory}: the registry settings change nothing, as nothing is contacted. */
  public static DigestLookup open(RegistrySettings settings) {
    return new SimulatedRegistry();
  }

  /** The simulated digest of {@code image} (a reference as written, with a tag or none). */
  public static String digestOf(String image) {
    return "sha256:" + Sha256.hex(image);
  }

  @Override
  public CompletableFuture<ResolvedDigest> resolve(ImageReference image) {
    return CompletableFuture.completedFuture(image.isPinned()
        ? new ResolvedDigest(image, image.digest(), null, List.of())
        : new ResolvedDigest(image, digestOf(image.original()), ManifestTypes.OCI_MANIFEST, List.of()));
  }

  @Override
  public void close() {
    // Nothing to stop.
  }
}
