package dev.haguard.analysis.whatif;

/** A scenario names a node, zone or etcd member the snapshot does not have. */
public final class UnknownTargetException extends RuntimeException {
  public UnknownTargetException(String message) {
    super(message);
  }
}
