package dev.haguard.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * A cache of asynchronous answers: one load in flight per key (concurrent askers share it), a
 * successful answer kept for a TTL, a failure not kept (the next asker tries again).
 */
final class SingleFlightCache<K, V> {
  /** A shared answer; {@code expiresAt} is null while it is still loading. */
  private record Entry<V>(CompletableFuture<V> answer, Instant expiresAt) {}

  private final ConcurrentMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  SingleFlightCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The cached or in-flight answer for {@code key}, or a new one from {@code load}. */
  CompletableFuture<V> get(K key, Supplier<CompletableFuture<V>> load) {
    while (true) {
      Entry<V> current = entries.get(key);
      if (current != null && (current.expiresAt() == null || clock.instant().isBefore(current.expiresAt()))) {
        return current.answer().copy();
      }
      Entry<V> loading = new Entry<>(new CompletableFuture<>(), null);
      boolean installed = current == null ? entries.putIfAbsent(key, loading) == null
          : entries.replace(key, current, loading);
      if (installed) {
        start(key, loading, load);
        return loading.answer().copy();
      }
    }
  }

  private void start(K key, Entry<V> loading, Supplier<CompletableFuture<V>> load) {
    CompletableFuture<V> loaded;
    try {
      loaded = load.get();
    } catch (RuntimeException e) {
      loaded = CompletableFuture.failedFuture(e);
    }
    loaded.whenComplete((value, error) -> {
      if (error == null) {
        entries.replace(key, loading, new Entry<>(loading.answer(), clock.instant().plus(ttl)));
        loading.answer().complete(value);
      } else {
        entries.remove(key, loading);
        loading.answer().completeExceptionally(error);
      }
    });
  }
}
