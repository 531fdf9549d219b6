package dev.haguard.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * How a {@link RegistryClient} reaches registries. Build with {@link #builder()}; the defaults are
 * the safe ones (TLS verified, 5 s connect / 15 s request timeouts, 4 MiB manifests, 5 min cache).
 *
 * @param insecureRegistries      host[:port]s spoken to over plain HTTP (loopback always is, unless turned off)
 * @param caBundle                a PEM file of extra trusted CAs, or null
 * @param credentials             credentials by registry host
 * @param connectTimeout          to open a connection
 * @param requestTimeout          for one whole answer, body included
 * @param cacheTtl                how long a resolved tag is reused
 * @param maxConcurrentPerRegistry requests in flight to one host at most
 * @param maxAttempts             tries of one request answered 429/5xx
 * @param maxRetryAfter           the longest Retry-After haguard waits for; longer means unreachable
 * @param maxManifestBytes        the largest manifest body read
 * @param readPlatforms           whether to fetch a multi-arch index to list its platforms
 * @param plainHttpOnLoopback     whether loopback registries (127.0.0.0/8, localhost, ::1) use plain HTTP
 * @param clock                   for the cache and token expiry
 * @param sleeper                 waits between retries
 */
public record RegistrySettings(
    Set<String> insecureRegistries,
    Path caBundle,
    RegistryCredentials credentials,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration cacheTtl,
    int maxConcurrentPerRegistry,
    int maxAttempts,
    Duration maxRetryAfter,
    long maxManifestBytes,
    boolean readPlatforms,
    boolean plainHttpOnLoopback,
    Clock clock,
    Sleeper sleeper) {

  /** Waits before a retry; tests pass one that records the delays instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  public RegistrySettings {
    insecureRegistries = Set.copyOf(insecureRegistries);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults. */
  public static final class Builder {
    private Set<String> insecureRegistries = Set.of();
    private Path caBundle;
    private RegistryCredentials credentials = RegistryCredentials.none();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration cacheTtl = Duration.ofMinutes(5);
    private int maxConcurrentPerRegistry = 4;
    private int maxAttempts = 3;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private long maxManifestBytes = 4L << 20;
    private boolean readPlatforms = true;
    private boolean plainHttpOnLoopback = true;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = delay -> Thread.sleep(delay.toMillis());

    public Builder insecureRegistries(Set<String> hosts) {
      this.insecureRegistries = hosts;
      return this;
    }

    public Builder caBundle(Path pemFile) {
      this.caBundle = pemFile;
      return this;
    }

    public Builder credentials(RegistryCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder timeouts(Duration connect, Duration request) {
      this.connectTimeout = connect;
      this.requestTimeout = request;
      return this;
    }

    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = ttl;
      return this;
    }

    public Builder maxConcurrentPerRegistry(int max) {
      this.maxConcurrentPerRegistry = max;
      return this;
    }

    public Builder retries(int maxAttempts, Duration maxRetryAfter) {
      this.maxAttempts = maxAttempts;
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    public Builder maxManifestBytes(long max) {
      this.maxManifestBytes = max;
      return this;
    }

    public Builder readPlatforms(boolean read) {
      this.readPlatforms = read;
      return this;
    }

    public Builder plainHttpOnLoopback(boolean plain) {
      this.plainHttpOnLoopback = plain;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public RegistrySettings build() {
      return new RegistrySettings(insecureRegistries, caBundle, credentials, connectTimeout, requestTimeout,
          cacheTtl, maxConcurrentPerRegistry, maxAttempts, maxRetryAfter, maxManifestBytes, readPlatforms,
          plainHttpOnLoopback, clock, sleeper);
    }
  }
}
