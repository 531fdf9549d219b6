package dev.haguard.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the requests a client sent, per registry and kind, so that tests and the benchmark can
 * check "exactly one manifest request per unique image".
 */
public final class RegistryRequests {
  /** What a request was for. */
  public enum Kind {
    /** {@code GET /v2/}, once per registry, to learn how it authenticates. */
    PING,
    /** A tag's manifest: HEAD, or GET when the digest header is missing. */
    MANIFEST,
    /** A multi-arch index fetched by digest to read its platforms. */
    INDEX,
    /** A bearer token from the registry's token realm. */
    TOKEN
  }

  private final Map<String, Map<Kind, LongAdder>> counts = new ConcurrentHashMap<>();

  void record(String registry, Kind kind) {
    counts.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(kind, k -> new LongAdder())
        .increment();
  }

  /** Requests of {@code kind} sent for images of {@code registry} (the API host, host[:port]). */
  public long count(String registry, Kind kind) {
    LongAdder adder = counts.getOrDefault(registry, Map.of()).get(kind);
    return adder == null ? 0 : adder.sum();
  }

  /** Requests of {@code kind} over all registries. */
  public long total(Kind kind) {
    return counts.keySet().stream().mapToLong(registry -> count(registry, kind)).sum();
  }
}
