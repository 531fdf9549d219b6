package dev.haguard.analysis.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer to one scenario, in the stable shape {@code haguard what-if -o json} prints
 * (docs/what-if.md). Lists are empty, never absent; {@code etcd.quorumKept} is null when the
 * snapshot shows no etcd.
 */
@JsonPropertyOrder({"scenario", "survivable", "etcd", "apiServers", "workloadsDown", "singleReplicaDown",
    "volumesStranded", "drainBlockedBy", "cannotReschedule"})
public record WhatIfResult(
    List<Scenario.Step> scenario,
    boolean survivable,
    Etcd etcd,
    ApiServers apiServers,
    List<WorkloadDown> workloadsDown,
    List<WorkloadDown> singleReplicaDown,
    List<StrandedVolume> volumesStranded,
    List<DrainBlock> drainBlockedBy,
    List<Unplaceable> cannotReschedule) {

  @JsonPropertyOrder({"membersLeft", "majority", "quorumKept"})
  /**
   * {@code membersLeft} and {@code quorumKept} are null when unknown: no etcd seen, or none whose
   * place is known; {@code majority} when no etcd is seen.
   */
  public record Etcd(@JsonInclude(JsonInclude.Include.ALWAYS) Integer membersLeft,
      @JsonInclude(JsonInclude.Include.ALWAYS) Integer majority,
      @JsonInclude(JsonInclude.Include.ALWAYS) Boolean quorumKept) {}

  /** {@code left} is null when some apiserver's place is unknown (a managed control plane). */
  public record ApiServers(@JsonInclude(JsonInclude.Include.ALWAYS) Integer left) {}

  @JsonPropertyOrder({"kind", "namespace", "name", "replicasLeft", "replicasWanted", "reason"})
  public record WorkloadDown(
      String kind, String namespace, String name, int replicasLeft, int replicasWanted, String reason) {}

  @JsonPropertyOrder({"claim", "volume", "zone", "pod"})
  public record StrandedVolume(String claim, String volume, String zone, String pod) {}

  @JsonPropertyOrder({"kind", "namespace", "name", "pods", "reason"})
  public record DrainBlock(String kind, String namespace, String name, List<String> pods, String reason) {}

  @JsonPropertyOrder({"kind", "namespace", "name", "reason"})
  public record Unplaceable(String kind, String namespace, String name, String reason) {}
}
