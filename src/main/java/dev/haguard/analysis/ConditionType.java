package dev.haguard.analysis;

/**
 * The status conditions of a ClusterPolicy: Ready, the family conditions (every rule belongs to one),
 * Enforcing, which only an Enforce policy carries, and ReportsWritten, which only the operator's
 * status carries (the command line writes no reports).
 */
public enum ConditionType {
  READY("Ready"),
  ETCD_QUORUM("EtcdQuorum"),
  API_SERVER_HA("ApiServerHA"),
  ZONE_SPREAD("ZoneSpread"),
  IMAGES_PINNED("ImagesPinned"),
  NO_BARE_PODS("NoBarePods"),
  ENFORCING("Enforcing"),
  REPORTS_WRITTEN("ReportsWritten");

  private final String type;

  ConditionType(String type) {
    this.type = type;
  }

  /** Whether findings of rules decide this condition (all but Ready, Enforcing and ReportsWritten). */
  public boolean isFamily() {
    return this != READY && this != ENFORCING && this != REPORTS_WRITTEN;
  }

  /** The condition's {@code type} as it appears in status. */
  public String type() {
    return type;
  }
}
