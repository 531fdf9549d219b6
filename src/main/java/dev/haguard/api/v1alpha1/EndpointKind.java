package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the apiserver endpoint that clients use is put together. */
public enum EndpointKind {
  /** One address that is no single apiserver's own: a load balancer or a virtual IP. */
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER,
  /** A name resolving to several apiservers' own addresses: clients cache one and time out. */
  @JsonProperty("DnsRoundRobin")
  DNS_ROUND_ROBIN,
  /** The address of one apiserver. */
  @JsonProperty("SingleInstance")
  SINGLE_INSTANCE,
  /** No cluster-info, or a name that does not resolve. */
  @JsonProperty("Unknown")
  UNKNOWN;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
