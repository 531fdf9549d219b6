package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Audit only reports; Enforce also repairs what can be repaired safely. */
public enum Mode {
  @JsonProperty("Audit")
  AUDIT,
  @JsonProperty("Enforce")
  ENFORCE;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
