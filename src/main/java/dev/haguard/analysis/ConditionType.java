package dev.haguard.analysis;

/**
 * The status conditions of a ClusterPolicy: Ready, the family conditions (every rule belongs to one),
 * and Enforcing, which only an Enforce policy carries.
 */
public enum ConditionType {
  READY("Ready"),
  ETCD_QUORUM("EtcdQuorum"),
  API_SERVER_HA("ApiServerHA"),
  ZONE_SPREAD("ZoneSpread"),
  IMAGES_PINNED("ImagesPinned"),
  NO_BARE_PODS("NoBarePods"),
  ENFORCING("Enforcing");

  private final String type;

  ConditionType(String type) {
    this.type = type;
  }

  /** Whether findings of rules decide this condition (all but Ready and Enforcing). */
  public boolean isFamily() {
    return this != READY && this != ENFORCING;
  }

  /** The condition's {@code type} as it appears in status. */
  public String type() {
    return type;
  }
}
