package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.ObjectRef;

/**
 * What a cluster-wide finding names. A finding about one object names that object (an etcd Pod,
 * the cluster-info ConfigMap, a Deployment); a finding about a whole component (etcd's quorum, the
 * set of apiservers, the control plane, the cluster's zones) has no single object to point at and
 * names the component instead: an {@link ObjectRef} with no apiVersion (it is not an object to
 * {@code kubectl get}), the component as kind, the namespace its pods run in where there is one,
 * and a fixed name. Example: {@code EtcdCluster/kube-system/etcd}.
 */
public enum ClusterComponent {
  ETCD("EtcdCluster", "etcd"),
  API_SERVERS("ApiServers", "kube-apiserver"),
  CONTROL_PLANE("ControlPlane", "control-plane"),
  ZONES("Cluster", "zones");

  private final String kind;
  private final String name;

  ClusterComponent(String kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** The reference for a component that lives in no namespace (or in several). */
  public ObjectRef ref() {
    return ref(null);
  }

  /** The reference for a component whose pods run in {@code namespace}. */
  public ObjectRef ref(String namespace) {
    return new ObjectRef(null, kind, namespace, name);
  }
}
