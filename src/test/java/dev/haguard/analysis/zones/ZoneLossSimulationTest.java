package dev.haguard.analysis.zones;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.boundClaim;
import static dev.haguard.support.TestObjects.statefulSet;
import static dev.haguard.support.TestObjects.withClaim;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static dev.haguard.support.TestObjects.zonalVolume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "What if zone X goes?" on a three-zone cluster with workers w-a, w-b, w-c. */
class ZoneLossSimulationTest {

  /** Control-plane nodes cp-0.. in {@code zones}, each with an etcd member and an apiserver, plus workers. */
  private static List<HasMetadata> cluster(String... zones) {
    List<HasMetadata> objects = new ArrayList<>(List.of(node("w-a", "a"), node("w-b", "b"), node("w-c", "c")));
    for (int i = 0; i < zones.length; i++) {
      objects.add(controlPlaneNode("cp-" + i, zones[i]));
      objects.add(etcdPod("cp-" + i));
      objects.add(apiServerPod("cp-" + i, "10.0.0.1" + i));
    }
    return objects;
  }

  private static ClusterPolicyStatus analyze(List<HasMetadata> objects) {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    return StatusMapper.forCli().status(
        Analyzer.standard(Clock.systemUTC()).analyze(snapshot, PolicyResolver.defaults()));
  }

  private static ZoneLoss loss(ClusterPolicyStatus status, String zone) {
    return status.zones().lossSimulation().stream().filter(l -> l.zone().equals(zone)).findFirst().orElseThrow();
  }

  @Test
  void losingTheOnlyZoneOrTheOnlyNodeIsNeverSurvivable() {
    // Nothing else in the snapshot (no etcd, no apiserver, no workload) says so: the nodes do.
    ClusterPolicyStatus oneZone = analyze(List.of(node("n-1", "z1"), node("n-2", "z1")));
    assertThat(loss(oneZone, "z1").survivable()).isFalse();
    ClusterPolicyStatus oneNode = analyze(List.of(node("n-1", "z1")));
    assertThat(oneNode.zones().riskiestNodes()).singleElement().satisfies(n -> assertThat(n.survivable()).isFalse());
    ClusterPolicyStatus twoZones = analyze(List.of(node("n-1", "z1"), node("n-2", "z2")));
    assertThat(twoZones.zones().lossSimulation()).allSatisfy(l -> assertThat(l.survivable()).isTrue());
  }

  @Test
  void threeMembersOverThreeZonesSurviveAnyZoneLoss() {
    ClusterPolicyStatus status = analyze(cluster("a", "b", "c"));

    assertThat(status.zones().lossSimulation()).extracting(ZoneLoss::zone).containsExactly("a", "b", "c");
    assertThat(status.zones().lossSimulation()).allSatisfy(l -> {
      assertThat(l.etcdQuorumKept()).isTrue();
      assertThat(l.apiServersLeft()).isEqualTo(2);
      assertThat(l.workloadsDown()).isZero();
      assertThat(l.survivable()).isTrue();
    });
    assertThat(status.etcd().survivesZoneLoss()).isTrue();
    assertThat(status.etcd().zones()).isEqualTo(Map.of("a", 1, "b", 1, "c", 1));
  }

  @Test
  void fourMembersAsTwoOneOneLoseQuorumWithTheirLargestZone() {
    ClusterPolicyStatus status = analyze(cluster("a", "a", "b", "c"));

    assertThat(loss(status, "a")).isEqualTo(new ZoneLoss("a", false, 2, 0, 0, 0, false, null, null, null));
    assertThat(loss(status, "b")).isEqualTo(new ZoneLoss("b", true, 3, 0, 0, 0, true, null, null, null));
    assertThat(loss(status, "c")).isEqualTo(new ZoneLoss("c", true, 3, 0, 0, 0, true, null, null, null));
    assertThat(status.etcd().survivesZoneLoss()).isFalse();
    assertThat(status.etcd().majority()).isEqualTo(3);
    assertThat(status.etcd().failureTolerance()).isEqualTo(1);
  }

  @Test
  void countsWorkloadsWhollyInTheZoneAndTheClaimsItStrands() {
    Deployment web = deployment("shop", "web", 2, "registry.example.com/web:1.0");
    ReplicaSet webRs = replicaSetOf(web);
    Deployment api = deployment("shop", "api", 2, "registry.example.com/api:1.0");
    ReplicaSet apiRs = replicaSetOf(api);
    List<HasMetadata> objects = cluster("a", "b", "c");
    // Only a claim a pod uses strands (what-if's count); the volumes nobody mounts go unjudged.
    objects.addAll(List.of(web, webRs, withClaim(podOf(webRs, 0, "w-b"), "data"), podOf(webRs, 1, "w-b"),
        api, apiRs, podOf(apiRs, 0, "w-a"), podOf(apiRs, 1, "w-c"), boundClaim("shop", "data", "pv-b-0"),
        zonalVolume("pv-b-0", "b"), zonalVolume("pv-b-1", "b"), zonalVolume("pv-c-0", "c")));

    ClusterPolicyStatus status = analyze(objects);

    assertThat(loss(status, "a")).isEqualTo(new ZoneLoss("a", true, 2, 0, 0, 0, true, null, null, null));
    assertThat(loss(status, "b")).isEqualTo(new ZoneLoss("b", true, 2, 1, 0, 1, false,
        List.of(new WorkloadDown("Deployment", "shop", "web", 0, 2, DownReason.NOT_SPREAD)), null, null));
    assertThat(loss(status, "c")).isEqualTo(new ZoneLoss("c", true, 2, 0, 0, 0, true, null, null, null));
  }

  @Test
  void aStrandedClaimAloneMakesTheZoneUnsurvivable() {
    StatefulSet db = statefulSet("shop", "db", 1, "postgres:16");
    List<HasMetadata> objects = cluster("a", "b", "c");
    objects.addAll(List.of(db, withClaim(podOf(db, 0, "w-c"), "data-db-0"), boundClaim("shop", "data-db-0", "pv-c"),
        zonalVolume("pv-c", "c")));

    assertThat(loss(analyze(objects), "c")).satisfies(l -> {
      assertThat(l.volumesStranded()).isEqualTo(1);
      assertThat(l.survivable()).isFalse();
    });
  }

  @Test
  void aZoneHoldingEveryApiServerIsNotSurvivable() {
    List<HasMetadata> objects = new ArrayList<>(List.of(node("w-b", "b"), node("w-c", "c"),
        controlPlaneNode("cp-0", "a"), apiServerPod("cp-0", "10.0.0.10")));

    ClusterPolicyStatus status = analyze(objects);

    assertThat(loss(status, "a").apiServersLeft()).isZero();
    assertThat(loss(status, "a").survivable()).isFalse();
    assertThat(loss(status, "b").survivable()).isTrue();
  }

  @Test
  void anUnseenEtcdLeavesQuorumUnknownAndAnUnseenApiServerIsAssumedToSurvive() {
    ClusterPolicyStatus status = analyze(List.of(node("w-a", "a"), node("w-b", "b")));

    assertThat(status.zones().lossSimulation()).allSatisfy(l -> {
      assertThat(l.etcdQuorumKept()).isNull();
      assertThat(l.survivable()).isTrue();
    });
    assertThat(status.etcd().survivesZoneLoss()).isNull();
  }
}
