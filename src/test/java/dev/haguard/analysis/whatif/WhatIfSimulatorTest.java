package dev.haguard.analysis.whatif;

import static dev.haguard.support.TestObjects.boundClaim;
import static dev.haguard.support.TestObjects.withClaim;
import static dev.haguard.support.TestObjects.zonalVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.api.v1alpha1.SeverityOverride;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.PolicySpecBuilder;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfSimulatorTest {
  private final LossCluster cluster = new LossCluster();
  private final List<HasMetadata> objects = cluster.objects;

  private static Node node(String name, String zone) {
    return LossCluster.node(name, zone);
  }

  private void threeZones() {
    cluster.threeZones();
  }

  private ReplicaSet web(String name, String... nodes) {
    return cluster.web(name, nodes);
  }

  private static PodDisruptionBudget pdb(String name, String app, IntOrString minAvailable, IntOrString maxUnavailable) {
    return new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata()
        .withNewSpec().withMinAvailable(minAvailable).withMaxUnavailable(maxUnavailable)
        .withNewSelector().addToMatchLabels("app", app).endSelector().endSpec().build();
  }

  private WhatIfResult simulate(String... steps) {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    List<Scenario.Step> parsed = Arrays.stream(steps).map(s -> {
      String[] actionTarget = s.split(" ");
      return Scenario.step(Scenario.Action.valueOf(actionTarget[0].toUpperCase()), actionTarget[1]);
    }).toList();
    return WhatIfSimulator.simulate(new AnalysisContext(snapshot, PolicyResolver.defaults()), new Scenario(parsed));
  }

  @Test
  void losingTheOneNodeOfEveryReplicaTakesTheWorkloadDownAndLosingAnotherDoesNot() {
    threeZones();
    web("web", "w-a", "w-a", "w-a");

    WhatIfResult bad = simulate("lose node/w-a");
    assertThat(bad.survivable()).isFalse();
    assertThat(bad.workloadsDown()).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo("Deployment");
      assertThat(w.name()).isEqualTo("web");
      assertThat(w.replicasLeft()).isZero();
      assertThat(w.replicasWanted()).isEqualTo(3);
    });
    // Its pods move to the other workers.
    assertThat(bad.cannotReschedule()).isEmpty();

    WhatIfResult fine = simulate("lose node/w-b");
    assertThat(fine.survivable()).isTrue();
    assertThat(fine.workloadsDown()).isEmpty();
    assertThat(fine.etcd()).isEqualTo(new WhatIfResult.Etcd(3, 2, true));
    assertThat(fine.apiServers().left()).isEqualTo(3);
  }

  @Test
  void singleReplicaWorkloadsAreListedApartAndDoNotMakeTheScenarioUnsurvivable() {
    threeZones();
    web("cron-ui", "w-a");

    WhatIfResult result = simulate("lose node/w-a");

    assertThat(result.singleReplicaDown()).extracting(WhatIfResult.WorkloadDown::name).containsExactly("cron-ui");
    assertThat(result.workloadsDown()).isEmpty();
    assertThat(result.survivable()).isTrue();
  }

  @Test
  void singleReplicaWorkloadDownIsNotSurvivableOnceItsRuleIsRaisedToWarning() throws Exception {
    threeZones();
    web("cron-ui", "w-a");
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    Policy raised = PolicySpecBuilder.spec().severity("workload-single-replica", SeverityOverride.WARNING).resolve();

    WhatIfResult result = WhatIfSimulator.simulate(new AnalysisContext(snapshot, raised),
        new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "node/w-a"))));

    assertThat(result.singleReplicaDown()).extracting(WhatIfResult.WorkloadDown::name).containsExactly("cron-ui");
    assertThat(result.survivable()).isFalse();
  }

  @Test
  void quorumIsLostWithTwoOfThreeMembersAndKeptWithOne() {
    threeZones();

    WhatIfResult two = simulate("lose zone/a", "lose etcd-member/cp-b");
    assertThat(two.etcd()).isEqualTo(new WhatIfResult.Etcd(1, 2, false));
    assertThat(two.survivable()).isFalse();
    assertThat(two.apiServers().left()).isEqualTo(2);

    WhatIfResult one = simulate("lose etcd-member/etcd-cp-c");
    assertThat(one.etcd()).isEqualTo(new WhatIfResult.Etcd(2, 2, true));
    assertThat(one.survivable()).isTrue();
  }

  @Test
  void noApiserverLeftIsNotSurvivable() {
    threeZones();
    WhatIfResult result = simulate("lose node/cp-a", "lose node/cp-b", "lose node/cp-c");
    assertThat(result.apiServers().left()).isZero();
    assertThat(result.etcd().quorumKept()).isFalse();
    assertThat(result.survivable()).isFalse();
  }

  @Test
  void noEtcdInTheSnapshotLeavesQuorumUnknown() {
    objects.add(node("w-a", "a"));
    objects.add(node("w-b", "b"));
    WhatIfResult result = simulate("lose node/w-a");
    assertThat(result.etcd().quorumKept()).isNull();
    assertThat(result.survivable()).isTrue();
  }

  @Test
  void unknownNodeZoneOrMemberIsNamed() {
    threeZones();
    assertThatThrownBy(() -> simulate("lose node/w-z")).isInstanceOf(UnknownTargetException.class)
        .hasMessageContaining("node/w-z");
    assertThatThrownBy(() -> simulate("lose zone/q")).isInstanceOf(UnknownTargetException.class)
        .hasMessageContaining("zone/q").hasMessageContaining("a, b, c");
    assertThatThrownBy(() -> simulate("lose etcd-member/w-a")).isInstanceOf(UnknownTargetException.class)
        .hasMessageContaining("etcd-member/w-a");
    assertThatThrownBy(() -> Scenario.step(Scenario.Action.DRAIN, "zone/a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone/a");
  }

  @Test
  void drainIsBlockedByPdbWithMinAvailableAtTheReplicasAndNotByOneThatAllowsAnEviction() {
    threeZones();
    web("web", "w-a", "w-b", "w-c");
    objects.add(pdb("web", "web", new IntOrString(3), null));

    WhatIfResult blocked = simulate("drain node/w-a");
    assertThat(blocked.survivable()).isFalse();
    assertThat(blocked.drainBlockedBy()).singleElement().satisfies(b -> {
      assertThat(b.kind()).isEqualTo("PodDisruptionBudget");
      assertThat(b.name()).isEqualTo("web");
      assertThat(b.pods()).containsExactly("web-5d4f8c7b9-0");
    });

    objects.removeIf(o -> o instanceof PodDisruptionBudget);
    objects.add(pdb("web", "web", null, new IntOrString("34%")));
    WhatIfResult allowed = simulate("drain node/w-a");
    assertThat(allowed.drainBlockedBy()).isEmpty();
    assertThat(allowed.workloadsDown()).isEmpty();
    assertThat(allowed.survivable()).isTrue();
  }

  @Test
  void lossStrikesFirstSoADrainAsksABudgetThatAlreadyMissesTheLostPods() {
    threeZones();
    web("web", "w-a", "w-b", "w-c");
    objects.add(pdb("web", "web", null, new IntOrString(1)));

    assertThat(simulate("drain node/w-a").drainBlockedBy()).isEmpty();
    WhatIfResult both = simulate("lose node/w-b", "drain node/w-a");
    assertThat(both.drainBlockedBy()).singleElement().satisfies(b -> assertThat(b.pods()).hasSize(1));
    assertThat(both.survivable()).isFalse();
  }

  @Test
  void podCoveredByTwoPdbsBlocksTheDrain() {
    threeZones();
    web("web", "w-a", "w-b", "w-c");
    objects.add(pdb("web", "web", null, new IntOrString(1)));
    objects.add(pdb("web-too", "web", null, new IntOrString(1)));

    WhatIfResult result = simulate("drain node/w-b");

    assertThat(result.drainBlockedBy()).singleElement()
        .satisfies(b -> assertThat(b.reason()).contains("2 PDBs"));
  }

  @Test
  void drainWithoutPdbTakesDownAWorkloadWhosePodsAllRunThere() {
    threeZones();
    web("web", "w-c", "w-c");
    WhatIfResult result = simulate("drain node/w-c");
    assertThat(result.workloadsDown()).extracting(WhatIfResult.WorkloadDown::name).containsExactly("web");
    assertThat(result.drainBlockedBy()).isEmpty();

    objects.add(pdb("web", "web", new IntOrString(1), null));
    assertThat(simulate("drain node/w-c").workloadsDown()).isEmpty();
  }

  @Test
  void drainLeavesDaemonSetAndStaticPodsAndBlocksNothingOnThem() {
    threeZones();
    objects.add(pdb("etcd-guard", "nothing-here", new IntOrString(1), null));
    WhatIfResult result = simulate("drain node/cp-a");
    assertThat(result.etcd().membersLeft()).isEqualTo(3);
    assertThat(result.cannotReschedule()).isEmpty();
    assertThat(result.survivable()).isTrue();
  }

  @Test
  void nodeSelectorWithNoNodeLeftCannotReschedule() {
    threeZones();
    web("gpu", "w-a");
    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().startsWith("gpu")
        ? new PodBuilder(p).editSpec().addToNodeSelector("kubernetes.io/hostname", "w-a").endSpec().build() : o);

    WhatIfResult result = simulate("lose node/w-a");

    assertThat(result.cannotReschedule()).singleElement().satisfies(u -> {
      assertThat(u.name()).isEqualTo("gpu-5d4f8c7b9-0");
      assertThat(u.reason()).contains("nodeSelector");
    });
  }

  @Test
  void taintsRepelUnlessTolerated() {
    threeZones();
    web("web", "w-a");
    // The other workers are tainted, the control plane too: every node left repels the pod.
    objects.replaceAll(o -> o instanceof Node n && n.getMetadata().getName().matches("w-[bc]")
        ? new NodeBuilder(n).editSpec().addNewTaint().withKey("dedicated").withValue("db").withEffect("NoSchedule")
            .endTaint().endSpec().build() : o);
    assertThat(simulate("lose node/w-a").cannotReschedule()).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("tolerations"));

    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().startsWith("web")
        ? new PodBuilder(p).editSpec().addNewToleration().withKey("dedicated").withOperator("Equal")
            .withValue("db").withEffect("NoSchedule").endToleration().endSpec().build() : o);
    assertThat(simulate("lose node/w-a").cannotReschedule()).isEmpty();
  }

  @Test
  void cordonedNodeTakesNoReplacement() {
    objects.add(node("w-a", "a"));
    objects.add(new NodeBuilder(node("w-b", "a")).editSpec().withUnschedulable(true).endSpec().build());
    web("web", "w-a");
    assertThat(simulate("lose node/w-a").cannotReschedule()).hasSize(1);
  }

  @Test
  void zonalVolumeStrandsWhenItsZoneHasNoNodeLeft() {
    threeZones();
    objects.add(zonalVolume("pv-db", "a"));
    objects.add(boundClaim("shop", "data-db-0", "pv-db"));
    web("db", "w-a");
    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().startsWith("db-")
        ? withClaim(p, "data-db-0") : o);

    WhatIfResult zoneGone = simulate("lose zone/a");
    assertThat(zoneGone.volumesStranded()).singleElement().satisfies(v -> {
      assertThat(v.claim()).isEqualTo("shop/data-db-0");
      assertThat(v.volume()).isEqualTo("pv-db");
      assertThat(v.zone()).isEqualTo("a");
      assertThat(v.pod()).isEqualTo("shop/db-5d4f8c7b9-0");
    });
    assertThat(zoneGone.survivable()).isFalse();

    objects.add(node("w-a2", "a"));
    assertThat(simulate("lose node/w-a").volumesStranded()).isEmpty();
  }

  @Test
  void requiredAntiAffinityOnHostnameLeavesAReplicaWithoutNode() {
    objects.add(node("w-1", "a"));
    objects.add(node("w-2", "a"));
    web("web", "w-1", "w-2");
    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().startsWith("web")
        ? new PodBuilder(p).editSpec().withNewAffinity().withNewPodAntiAffinity()
            .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("kubernetes.io/hostname")
            .withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector()
            .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity().endSpec().build()
        : o);

    assertThat(simulate("lose node/w-1").cannotReschedule()).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("anti-affinity"));

    objects.add(node("w-3", "a"));
    assertThat(simulate("lose node/w-1").cannotReschedule()).isEmpty();
  }

  @Test
  void doNotScheduleSpreadOverZonesRefusesTheSkewTheLossWouldNeed() {
    objects.add(node("w-a", "a"));
    objects.add(node("w-b", "b"));
    objects.add(node("w-b2", "b"));
    web("web", "w-a", "w-b");
    objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().startsWith("web")
        ? new PodBuilder(p).editSpec().addNewTopologySpreadConstraint().withMaxSkew(1)
            .withTopologyKey(TestObjects.ZONE_LABEL).withWhenUnsatisfiable("DoNotSchedule")
            .withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector()
            .endTopologySpreadConstraint().endSpec().build()
        : o);

    // Losing w-b: a holds 1, b 0; the replacement on w-b2 makes b 1, a skew of 0.
    WhatIfResult result = simulate("lose node/w-b");
    assertThat(result.cannotReschedule()).isEmpty();

    objects.add(node("w-a-cordoned", "a"));
    objects.replaceAll(o -> o instanceof Node n && n.getMetadata().getName().equals("w-a-cordoned")
        ? new NodeBuilder(n).editSpec().withUnschedulable(true).endSpec().build() : o);
    WhatIfResult skewed = simulate("lose node/w-a");
    // Zone a still exists (the cordoned node) with 0 pods; b has 1: b would hold 2, skew 2 > 1.
    assertThat(skewed.cannotReschedule()).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("topology spread"));
  }

  @Test
  void capacityIsTheSumOfRequestsAgainstTheAllocatableLeft() {
    objects.add(withAllocatable(node("w-a", "a"), "4", "8Gi"));
    objects.add(withAllocatable(node("w-b", "a"), "4", "8Gi"));
    web("big", "w-a", "w-a");
    web("stay", "w-b");
    objects.replaceAll(o -> o instanceof Pod p ? withCpu(p, p.getMetadata().getName().startsWith("big") ? "1500m" : "2")
        : o);
    // w-b has 4 - 2 = 2 cpu free; the two moved pods ask for 3.
    WhatIfResult result = simulate("lose node/w-a");
    assertThat(result.cannotReschedule()).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("not enough cpu"));

    objects.replaceAll(o -> o instanceof Node n && n.getMetadata().getName().equals("w-b")
        ? withAllocatable(n, "5", "8Gi") : o);
    assertThat(simulate("lose node/w-a").cannotReschedule()).isEmpty();
  }

  private static Node withAllocatable(Node node, String cpu, String memory) {
    return new NodeBuilder(node).withNewStatus().addToAllocatable("cpu", new Quantity(cpu))
        .addToAllocatable("memory", new Quantity(memory)).endStatus().build();
  }

  private static Pod withCpu(Pod pod, String cpu) {
    return new PodBuilder(pod).editSpec().editFirstContainer().withNewResources().addToRequests("cpu", new Quantity(cpu))
        .endResources().endContainer().endSpec().build();
  }

  @Test
  void barePodOnALostNodeIsGoneForGood() {
    objects.add(node("w-a", "a"));
    objects.add(node("w-b", "a"));
    objects.add(TestObjects.pod("shop", "debug", "w-a", "busybox:1.36"));
    assertThat(simulate("lose node/w-a").cannotReschedule()).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("no controller"));
  }
}
