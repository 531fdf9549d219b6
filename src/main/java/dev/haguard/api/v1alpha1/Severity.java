package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How bad a finding is; declaration order is the report order (worst first). */
public enum Severity {
  @JsonProperty("critical")
  CRITICAL,
  @JsonProperty("warning")
  WARNING,
  @JsonProperty("info")
  INFO;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
