package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a pinned digest comes from. */
public enum PinSource {
  /** The digest the workload's Ready pods run: the version that is live. */
  @JsonProperty("Running")
  RUNNING,
  /** The digest the registry gives for the tag today. */
  @JsonProperty("Registry")
  REGISTRY;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
