package dev.haguard.policy;

import dev.haguard.analysis.ConditionType;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.api.v1alpha1.SeverityOverride;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rule catalogue. Ids are part of haguard's public interface: they appear in status, Events,
 * metrics labels, alerts and {@code severityOverrides}.
 */
public enum RuleId {
  ETCD_QUORUM_LOST("etcd-quorum-lost", Severity.CRITICAL, ConditionType.ETCD_QUORUM),
  ETCD_QUORUM_AT_RISK("etcd-quorum-at-risk", Severity.CRITICAL, ConditionType.ETCD_QUORUM),
  ETCD_NO_FAULT_TOLERANCE("etcd-no-fault-tolerance", Severity.CRITICAL, ConditionType.ETCD_QUORUM),
  ETCD_EVEN_MEMBERS("etcd-even-members", Severity.WARNING, ConditionType.ETCD_QUORUM),
  ETCD_OVERSIZED("etcd-oversized", Severity.WARNING, ConditionType.ETCD_QUORUM),
  ETCD_ZONE_SPOF("etcd-zone-spof", Severity.WARNING, ConditionType.ETCD_QUORUM),
  ETCD_NO_LEADER("etcd-no-leader", Severity.CRITICAL, ConditionType.ETCD_QUORUM),
  ETCD_LEARNER_STUCK("etcd-learner-stuck", Severity.WARNING, ConditionType.ETCD_QUORUM),
  ETCD_DB_SIZE_NEAR_QUOTA("etcd-db-size-near-quota", Severity.WARNING, ConditionType.ETCD_QUORUM),
  ETCD_MEMBER_MISMATCH("etcd-member-mismatch", Severity.WARNING, ConditionType.ETCD_QUORUM),
  ETCD_NOT_OBSERVED("etcd-not-observed", Severity.INFO, ConditionType.ETCD_QUORUM),
  APISERVER_SINGLE_INSTANCE("apiserver-single-instance", Severity.CRITICAL, ConditionType.API_SERVER_HA),
  APISERVER_DNS_ROUND_ROBIN("apiserver-dns-round-robin", Severity.WARNING, ConditionType.API_SERVER_HA),
  APISERVER_NO_LOAD_BALANCER("apiserver-no-load-balancer", Severity.WARNING, ConditionType.API_SERVER_HA),
  APISERVER_ZONE_SPOF("apiserver-zone-spof", Severity.WARNING, ConditionType.API_SERVER_HA),
  APISERVER_ENDPOINT_UNRESOLVED("apiserver-endpoint-unresolved", Severity.INFO, ConditionType.API_SERVER_HA),
  ZONE_SINGLE("zone-single", Severity.WARNING, ConditionType.ZONE_SPREAD),
  CONTROL_PLANE_ZONE_SPOF("control-plane-zone-spof", Severity.WARNING, ConditionType.ZONE_SPREAD),
  WORKLOAD_ZONE_SPOF("workload-zone-spof", Severity.WARNING, ConditionType.ZONE_SPREAD),
  WORKLOAD_SINGLE_REPLICA("workload-single-replica", Severity.INFO, ConditionType.ZONE_SPREAD),
  VOLUME_ZONE_CONFLICT("volume-zone-conflict", Severity.CRITICAL, ConditionType.ZONE_SPREAD),
  STORAGECLASS_IMMEDIATE_BINDING("storageclass-immediate-binding", Severity.WARNING, ConditionType.ZONE_SPREAD),
  IMAGE_MUTABLE_TAG("image-mutable-tag", Severity.WARNING, ConditionType.IMAGES_PINNED),
  IMAGE_NOT_PINNED("image-not-pinned", Severity.INFO, ConditionType.IMAGES_PINNED),
  IMAGE_INVALID_REFERENCE("image-invalid-reference", Severity.WARNING, ConditionType.IMAGES_PINNED),
  IMAGE_DIGEST_DRIFT("image-digest-drift", Severity.CRITICAL, ConditionType.IMAGES_PINNED),
  IMAGE_DIGEST_UNRESOLVED("image-digest-unresolved", Severity.WARNING, ConditionType.IMAGES_PINNED),
  IMAGE_ARCH_MISSING("image-arch-missing", Severity.WARNING, ConditionType.IMAGES_PINNED),
  POD_BARE("pod-bare", Severity.WARNING, ConditionType.NO_BARE_PODS),
  WORKLOAD_NODE_SPOF("workload-node-spof", Severity.WARNING, ConditionType.ZONE_SPREAD),
  PDB_BLOCKS_DRAIN("pdb-blocks-drain", Severity.WARNING, ConditionType.ZONE_SPREAD),
  PDB_SELECTS_NOTHING("pdb-selects-nothing", Severity.WARNING, ConditionType.ZONE_SPREAD),
  PDB_OVERLAPPING("pdb-overlapping", Severity.WARNING, ConditionType.ZONE_SPREAD),
  PDB_MISSING("pdb-missing", Severity.INFO, ConditionType.ZONE_SPREAD),
  SPREAD_CONSTRAINT_UNSATISFIABLE("spread-constraint-unsatisfiable", Severity.WARNING, ConditionType.ZONE_SPREAD);

  /** Looked up for every finding (conditions, Events): a map, not a scan of the values. */
  private static final Map<String, RuleId> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RuleId::id, r -> r));

  private final String id;
  private final Severity defaultSeverity;
  private final ConditionType condition;

  RuleId(String id, Severity defaultSeverity, ConditionType condition) {
    this.id = id;
    this.defaultSeverity = defaultSeverity;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The severity this rule reports with under {@code overrides}; empty when the policy turned it off. */
  public Optional<Severity> severityUnder(Map<String, SeverityOverride> overrides) {
    SeverityOverride override = overrides.get(id);
    return Optional.ofNullable(override == null ? defaultSeverity : override.severity());
  }

  /** Whether this rule, under {@code overrides}, reports at warning or above: what haguard flags as a problem. */
  public boolean flagsUnder(Map<String, SeverityOverride> overrides) {
    return severityUnder(overrides).filter(s -> s.compareTo(Severity.WARNING) <= 0).isPresent();
  }

  /** The status condition this rule's findings turn False. */
  public ConditionType condition() {
    return condition;
  }

  /** The id in UpperCamelCase, as Kubernetes Event and condition reasons want it: {@code EtcdQuorumLost}. */
  public String reason() {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }

  public static Optional<RuleId> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  @Override
  public String toString() {
    return id;
  }
}
