package dev.haguard.remediation;

/** The states an {@link dev.haguard.api.v1alpha1.Action} in status can be in; {@link #toString()} is the status value. */
public enum ActionState {
  PLANNED("Planned"),
  IN_PROGRESS("InProgress"),
  DONE("Done"),
  ROLLED_BACK("RolledBack"),
  SKIPPED("Skipped"),
  FAILED("Failed");

  private final String value;

  ActionState(String value) {
    this.value = value;
  }

  @Override
  public String toString() {
    return value;
  }
}
