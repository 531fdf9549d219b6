package dev.haguard.registry;

/**
 * Why a registry could not resolve an image, typed so that callers can report
 * {@code image-digest-unresolved} with a reason and decide whether to retry.
 */
public class RegistryException extends Exception {
  /** The kinds of failure a caller can tell apart. */
  public enum Failure {
    /** Connection refused, DNS failure, or still 429/5xx after the bounded retries. */
    UNREACHABLE,
    /** No answer within the connect or request timeout. */
    TIMEOUT,
    /** 401/403: missing or wrong credentials. */
    UNAUTHORIZED,
    /** The repository or tag does not exist. */
    NOT_FOUND,
    /** An answer haguard does not trust: malformed digest, mismatching body, too large, odd redirect, bad JSON. */
    BAD_ANSWER,
    /** TLS verification failed (unknown CA, wrong host name, expired certificate). */
    TLS
  }

  private final Failure failure;
  private final String registry;

  public RegistryException(Failure failure, String registry, String reason) {
    this(failure, registry, reason, null);
  }

  public RegistryException(Failure failure, String registry, String reason, Throwable cause) {
    super(registry + ": " + reason, cause);
    this.failure = failure;
    this.registry = registry;
  }

  public Failure failure() {
    return failure;
  }

  /** The registry host[:port] that failed. */
  public String registry() {
    return registry;
  }
}
