package dev.haguard.analysis.zones;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.analysis.RuleTesting;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.api.v1alpha1.SeverityOverride;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.PolicySpecBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** workload-single-replica both ways, and how it weighs on the loss simulation. */
class WorkloadSingleReplicaRuleTest {
  private final WorkloadSingleReplicaRule rule = new WorkloadSingleReplicaRule();

  /** Workers in zones a and b; {@code name} with {@code replicas} replicas, every pod on w-a. */
  private static List<HasMetadata> cluster(String name, int replicas) {
    Deployment d = deployment("shop", name, replicas, "registry.example.com/" + name + ":1.0");
    ReplicaSet rs = replicaSetOf(d);
    List<HasMetadata> objects = new ArrayList<>(List.of(node("w-a", "a"), node("w-b", "b"), d, rs));
    for (int i = 0; i < replicas; i++) {
      objects.add(podOf(rs, i, "w-a"));
    }
    return objects;
  }

  private static Policy raisedTo(SeverityOverride level) throws Exception {
    return PolicySpecBuilder.spec().severity("workload-single-replica", level).resolve();
  }

  private static ZoneLoss lossOfA(Policy policy, List<HasMetadata> objects) {
    ClusterPolicyStatus status = StatusMapper.forCli().status(Analyzer.standard(Clock.systemUTC())
        .analyze(ClusterSnapshot.builder().addAll(objects).build(), policy));
    return status.zones().lossSimulation().stream().filter(l -> l.zone().equals("a")).findFirst().orElseThrow();
  }

  @Test
  void namesAOneReplicaDeploymentAsInfo() {
    assertSingleFinding(RuleTesting.findings(rule, PolicyResolver.defaults(), cluster("cart", 1)),
        "workload-single-replica", Severity.INFO, new ObjectRef("apps/v1", "Deployment", "shop", "cart"));
  }

  @Test
  void quietForAWorkloadOfTwoReplicasWhichIsWorkloadZoneSpofsCase() {
    assertThat(RuleTesting.findings(rule, PolicyResolver.defaults(), cluster("web", 2))).isEmpty();
  }

  @Test
  void quietWhenWorkloadsCanBeScheduledInOneZoneOnly() {
    List<HasMetadata> oneZone = new ArrayList<>(cluster("cart", 1));
    oneZone.removeIf(o -> o.getMetadata().getName().equals("w-b"));
    assertThat(RuleTesting.findings(rule, PolicyResolver.defaults(), oneZone)).isEmpty();
  }

  @Test
  void aOneReplicaWorkloadIsNamedInTheLossButLeavesTheZoneSurvivable() {
    ZoneLoss loss = lossOfA(PolicyResolver.defaults(), cluster("cart", 1));

    assertThat(loss.survivable()).isTrue();
    assertThat(loss.singleReplicaDown()).isEqualTo(1);
    assertThat(loss.workloadsDown()).isZero();
    assertThat(loss.workloads()).containsExactly(
        new WorkloadDown("Deployment", "shop", "cart", 0, 1, DownReason.SINGLE_REPLICA));
  }

  @Test
  void raisedToWarningItMakesTheZoneUnsurvivable() throws Exception {
    ZoneLoss loss = lossOfA(raisedTo(SeverityOverride.WARNING), cluster("cart", 1));

    assertThat(loss.survivable()).isFalse();
  }

  @Test
  void aSpreadProblemMakesTheZoneUnsurvivableUnlessItsRuleIsLoweredToInfo() throws Exception {
    assertThat(lossOfA(PolicyResolver.defaults(), cluster("web", 2))).satisfies(l -> {
      assertThat(l.survivable()).isFalse();
      assertThat(l.workloadsDown()).isEqualTo(1);
      assertThat(l.workloads()).extracting(WorkloadDown::reason).containsExactly(DownReason.NOT_SPREAD);
    });
    Policy lowered = PolicySpecBuilder.spec().severity("workload-zone-spof", SeverityOverride.INFO).resolve();
    assertThat(lossOfA(lowered, cluster("web", 2)).survivable()).isTrue();
  }

  @Test
  void theStatusCapsTheWorkloadsOfALossAndCountsTheRest() {
    List<HasMetadata> objects = new ArrayList<>(List.of(node("w-a", "a"), node("w-b", "b")));
    for (int i = 0; i < 30; i++) {
      Deployment d = deployment("shop", String.format("svc-%02d", i), 1, "registry.example.com/svc:1.0");
      ReplicaSet rs = replicaSetOf(d);
      objects.addAll(List.of(d, rs, podOf(rs, 0, "w-a")));
    }
    AnalysisResult result = Analyzer.standard(Clock.systemUTC())
        .analyze(ClusterSnapshot.builder().addAll(objects).build(), PolicyResolver.defaults());
    ClusterPolicyStatus full = StatusMapper.forCli().status(result);

    ZoneLoss capped = StatusMapper.forStatus().status(result).zones().lossSimulation().get(0);

    assertThat(full.zones().lossSimulation().get(0).workloads()).hasSize(30);
    assertThat(capped.workloads()).hasSize(20);
    assertThat(capped.workloadsTruncated()).isEqualTo(10);
    assertThat(capped.singleReplicaDown()).isEqualTo(30);
  }
}
