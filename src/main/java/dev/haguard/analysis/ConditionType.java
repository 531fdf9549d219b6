package dev.haguard.analysis;

/** The status conditions of a ClusterPolicy; every rule belongs to one of the family conditions. */
public enum ConditionType {
  READY("Ready"),
  ETCD_QUORUM("EtcdQuorum"),
  API_SERVER_HA("ApiServerHA"),
  ZONE_SPREAD("ZoneSpread"),
  IMAGES_PINNED("ImagesPinned"),
  NO_BARE_PODS("NoBarePods");

  private final String type;

  ConditionType(String type) {
    this.type = type;
  }

  /** The condition's {@code type} as it appears in status. */
  public String type() {
    return type;
  }
}
