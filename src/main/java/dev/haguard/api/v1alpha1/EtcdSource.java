package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the etcd figures come from. */
public enum EtcdSource {
  /** Counted from etcd Pods in the cluster (kubeadm's stacked etcd). */
  @JsonProperty("Pods")
  PODS,
  /** Declared by {@code spec.etcd.expectedMembers}: an external etcd no Pod shows. */
  @JsonProperty("Declared")
  DECLARED,
  /**
   * Counted from the nodes labelled {@code node-role.kubernetes.io/etcd} where no etcd Pod shows: k3s
   * runs its embedded etcd inside the server process, one member per such node.
   */
  @JsonProperty("NodeRoles")
  NODE_ROLES,
  /** Asked from etcd itself through its client API. */
  @JsonProperty("Probe")
  PROBE,
  /** Nothing tells: no etcd Pods, no declaration, no probe. */
  @JsonProperty("Unobservable")
  UNOBSERVABLE;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}
