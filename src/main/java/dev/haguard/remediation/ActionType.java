package dev.haguard.remediation;

/**
 * The kinds of repair Enforce makes; {@link #toString()} is the action type in status, the Event
 * reason and the {@code type} label of {@code haguard_remediations_total}.
 */
public enum ActionType {
  REWRITE_BARE_POD("RewriteBarePod"),
  PIN_IMAGE("PinImage");

  private final String value;

  ActionType(String value) {
    this.value = value;
  }

  @Override
  public String toString() {
    return value;
  }
}
