package dev.haguard.analysis.whatif;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;

import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/** The objects of a what-if test cluster, built up one call at a time. */
final class LossCluster {
  final List<HasMetadata> objects = new ArrayList<>();

  /** A worker node in {@code zone}, with the hostname label spread and anti-affinity read. */
  static Node node(String name, String zone) {
    return new NodeBuilder(TestObjects.node(name, zone))
        .editMetadata().addToLabels("kubernetes.io/hostname", name).endMetadata().build();
  }

  /** Three zones a, b, c with one worker each (w-a, w-b, w-c), and a control plane of three (cp-a...) with etcd. */
  void threeZones() {
    for (String z : List.of("a", "b", "c")) {
      objects.add(node("w-" + z, z));
      objects.add(new NodeBuilder(TestObjects.controlPlaneNode("cp-" + z, z))
          .editMetadata().addToLabels("kubernetes.io/hostname", "cp-" + z).endMetadata().build());
      objects.add(etcdPod("cp-" + z));
      objects.add(apiServerPod("cp-" + z, "10.0.0." + (z.charAt(0) - 'a' + 1)));
    }
  }

  /** A Deployment with a ReplicaSet and one Ready pod on each of {@code nodes}; returns the ReplicaSet. */
  ReplicaSet web(String name, String... nodes) {
    Deployment d = deployment("shop", name, nodes.length, "nginx:1.27");
    ReplicaSet rs = replicaSetOf(d);
    objects.add(d);
    objects.add(rs);
    for (int i = 0; i < nodes.length; i++) {
      objects.add(podOf(rs, i, nodes[i]));
    }
    return rs;
  }
}
