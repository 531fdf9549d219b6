package dev.haguard.analysis.whatif;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.boundClaim;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.withClaim;
import static dev.haguard.support.TestObjects.zonalVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node loss table on a three-zone cluster: control planes cp-a.. with etcd and apiservers, workers w-a... */
class NodeLossTableTest {
  private final LossCluster cluster = new LossCluster();
  private final List<HasMetadata> objects = cluster.objects;

  NodeLossTableTest() {
    cluster.threeZones();
  }

  private void web(String name, String... nodes) {
    cluster.web(name, nodes);
  }

  private List<NodeLoss> table() {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    return NodeLossTable.risky(new AnalysisContext(snapshot, PolicyResolver.defaults()));
  }

  @Test
  void aHealthySpreadClusterHasNoRiskyNode() {
    web("web", "w-a", "w-b", "w-c");

    assertThat(table()).isEmpty();
  }

  @Test
  void everyReplicaOnOneNodeMakesThatNodeUnsurvivableAndTheOthersStayOut() {
    web("cart", "w-a", "w-a");

    assertThat(table()).singleElement().isEqualTo(new NodeLoss("w-a", "a", true, 3, 1, 0, 0, false,
        List.of(new WorkloadDown("Deployment", "shop", "cart", 0, 2, DownReason.NOT_SPREAD)), null));
  }

  @Test
  void riskiestFirstUnsurvivableThenMostTakenDownThenName() {
    web("one", "w-c");
    web("two", "w-b");
    web("three", "w-b");
    web("pair", "w-a", "w-a");

    assertThat(table()).extracting(NodeLoss::node, NodeLoss::survivable, NodeLoss::singleReplicaDown)
        .containsExactly(
            tuple("w-a", false, 0),
            tuple("w-b", true, 2),
            tuple("w-c", true, 1));
  }

  @Test
  void aZonalVolumeStrandsWithTheLastNodeOfItsZoneAndNotWhileAnotherIsLeft() {
    objects.add(zonalVolume("pv-db", "a"));
    objects.add(boundClaim("shop", "data-db-0", "pv-db"));
    web("db", "w-a", "w-b");
    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().equals("db-5d4f8c7b9-0")
        ? withClaim(p, "data-db-0") : o);
    List<NodeLoss> table = table();
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    WhatIfResult simulated = WhatIfSimulator.simulate(new AnalysisContext(snapshot, PolicyResolver.defaults()),
        new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "node/w-a"))));
    assertThat(simulated.volumesStranded()).hasSize(1);
    assertThat(table).singleElement().satisfies(n -> {
      assertThat(n.node()).isEqualTo("w-a");
      assertThat(n.volumesStranded()).isEqualTo(1);
      assertThat(n.survivable()).isFalse();
    });

    objects.add(LossCluster.node("w-a2", "a"));
    assertThat(table()).isEmpty();
  }

  @Test
  void aNodeWithoutAZoneNeitherCrashesNorTakesAZonalVolume() {
    // A node whose zone label is missing (or empty) beside pods with zonal volumes: a common shape.
    objects.add(LossCluster.node("w-nozone", null));
    objects.add(zonalVolume("pv-db", "a"));
    objects.add(boundClaim("shop", "data-db-0", "pv-db"));
    web("db", "w-a", "w-b");
    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().equals("db-5d4f8c7b9-0")
        ? withClaim(p, "data-db-0") : o);
    assertThat(table()).extracting(NodeLoss::node, NodeLoss::volumesStranded).containsExactly(tuple("w-a", 1));
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    WhatIfResult lost = WhatIfSimulator.simulate(new AnalysisContext(snapshot, PolicyResolver.defaults()),
        new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "node/w-a"))));
    assertThat(lost.volumesStranded()).hasSize(1);
  }

  @Test
  void theNodeOfTheOnlyApiserverIsUnsurvivable() {
    objects.clear();
    objects.add(LossCluster.node("w-a", "a"));
    objects.add(controlPlaneNode("cp-a", "a"));
    objects.add(apiServerPod("cp-a", "10.0.0.1"));

    assertThat(table()).singleElement().satisfies(n -> {
      assertThat(n.node()).isEqualTo("cp-a");
      assertThat(n.apiServersLeft()).isZero();
      assertThat(n.etcdQuorumKept()).isNull();
      assertThat(n.survivable()).isFalse();
    });
  }
}
