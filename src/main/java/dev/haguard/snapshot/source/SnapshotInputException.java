package dev.haguard.snapshot.source;

import dev.haguard.input.InputException;

/**
 * Input that cannot be read into a snapshot: a missing file, a syntax error, a document that is
 * not a Kubernetes object, an object that does not bind, a snapshot with no object haguard reads.
 */
public class SnapshotInputException extends InputException {
  /** See {@link InputException#InputException(String, String, String)}. */
  public SnapshotInputException(String source, String location, String problem) {
    super(source, location, problem);
  }

  /** The same problem, for callers that handle snapshot input errors. */
  static SnapshotInputException of(InputException e) {
    return e instanceof SnapshotInputException s ? s : new SnapshotInputException(e.source(), e.location(), e.problem());
  }
}
