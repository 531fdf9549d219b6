package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a workload goes down with a zone. */
public enum DownReason {
  /** It wants 2 replicas or more, but every Ready one runs in the zone: a spread problem. */
  @JsonProperty("NotSpread")
  NOT_SPREAD,
  /** It has a single replica, which can run in one zone only. */
  @JsonProperty("SingleReplica")
  SINGLE_REPLICA;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
