package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A severity a policy gives a rule instead of its default, or {@code off} to silence it. */
public enum SeverityOverride {
  @JsonProperty("off")
  OFF(null),
  @JsonProperty("info")
  INFO(Severity.INFO),
  @JsonProperty("warning")
  WARNING(Severity.WARNING),
  @JsonProperty("critical")
  CRITICAL(Severity.CRITICAL);

  private final Severity severity;

  SeverityOverride(Severity severity) {
    this.severity = severity;
  }

  /** The severity to report with, or null when the rule is turned off. */
  public Severity severity() {
    return severity;
  }

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
