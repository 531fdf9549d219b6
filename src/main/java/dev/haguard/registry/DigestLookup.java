package dev.haguard.registry;

import dev.haguard.image.ImageReference;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the digest an image reference points to. {@link RegistryClient} asks registries over HTTP;
 * the demo answers in-process ({@code dev.haguard.demo.SimulatedRegistry}), so that it never
 * leaves the machine. Thread-safe; close it to stop its threads.
 */
public interface DigestLookup extends AutoCloseable {

  /** Opens a lookup for one set of registry settings (CA bundle, insecure registries, credentials). */
  @FunctionalInterface
  interface Factory {
    DigestLookup open(RegistrySettings settings) throws RegistrySetupException;
  }

  /**
   * The digest {@code image} points to. Completes exceptionally with a {@link RegistryException}
   * (see {@link RegistryClient#failureOf}); an image that is already pinned completes at once with its digest.
   */
  CompletableFuture<ResolvedDigest> resolve(ImageReference image);

  @Override
  void close();
}
