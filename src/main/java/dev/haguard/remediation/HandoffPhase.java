package dev.haguard.remediation;

import java.util.Arrays;
import java.util.Optional;

/** Where a bare-pod hand-off stands, as persisted in {@link HandoffAnnotations#PHASE} on the replacement. */
public enum HandoffPhase {
  /** The replacement exists; waiting for an available replica. */
  CREATED("Created"),
  /** The replacement was available; the bare pod may be deleted. */
  AVAILABLE("Available"),
  /** The bare pod is gone and the replacement runs the workload. */
  DONE("Done"),
  /** The attempt failed; the replacement is being deleted and the bare pod kept. */
  ROLLING_BACK("RollingBack");

  private final String value;

  HandoffPhase(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<HandoffPhase> parse(String value) {
    return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
