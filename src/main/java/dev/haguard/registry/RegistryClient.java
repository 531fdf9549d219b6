package dev.haguard.registry;

import dev.haguard.image.Platform;
import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryException.Failure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves image tags to digests with the OCI distribution API. One request in flight per
 * (registry, repository, tag), answers cached for the TTL, pinned images answered without any
 * request. Failures are {@link RegistryException}s with a {@link Failure} kind.
 *
 * <p>Reusable and thread-safe; close it to stop its worker threads.
 */
public final class RegistryClient implements DigestLookup {
  /** What a tag resolved to, independent of how the image was written. */
  record ManifestAnswer(String digest, String mediaType, List<Platform> platforms) {}

  private record TagKey(String apiHost, String repository, String tag) {}

  private final RegistryRequests requests = new RegistryRequests();
  private final SingleFlightCache<TagKey, ManifestAnswer> cache;
  private final ManifestResolver resolver;
  private final ExecutorService workers;

  public RegistryClient(RegistrySettings settings) throws RegistrySetupException {
    HttpRegistry http = new HttpRegistry(settings, requests);
    this.resolver = new ManifestResolver(http, new BearerTokens(http, settings), settings);
    this.cache = new SingleFlightCache<>(settings.clock(), settings.cacheTtl());
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "haguard-registry-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public CompletableFuture<ResolvedDigest> resolve(ImageReference image) {
    if (image.isPinned()) {
      return CompletableFuture.completedFuture(new ResolvedDigest(image, image.digest(), null, List.of()));
    }
    TagKey key = new TagKey(image.apiHost(), image.repository(), image.effectiveTag());
    return cache.get(key, () -> CompletableFuture.supplyAsync(() -> {
      try {
        return resolver.resolve(image);
      } catch (RegistryException e) {
        throw new CompletionException(e);
      }
    }, workers)).thenApply(answer -> new ResolvedDigest(image, answer.digest(), answer.mediaType(), answer.platforms()));
  }

  /** {@link #resolve}, waiting for the answer. */
  public ResolvedDigest resolveNow(ImageReference image) throws RegistryException {
    try {
      return resolve(image).get();
    } catch (ExecutionException e) {
      throw failureOf(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Failure.UNREACHABLE, image.registry(), "interrupted", e);
    }
  }

  /** The RegistryException behind a failed {@link #resolve} (unwrapping completion wrappers). */
  public static RegistryException failureOf(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryException registryException) {
        return registryException;
      }
    }
    return new RegistryException(Failure.BAD_ANSWER, "?", "unexpected failure: " + error, error);
  }

  /** The requests sent so far, per registry and kind. */
  public RegistryRequests requests() {
    return requests;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
