package dev.haguard.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.EtcdObservation.Member;
import dev.haguard.support.RealTier;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The probe against one real 3-member etcd, reused across the cases in order: healthy, a learner
 * added, one member stopped, two stopped. Each case's findings come from the full Analyzer.
 */
@RealTier
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class EtcdProbeRealClusterTest {
  static final Analyzer ANALYZER = Analyzer.standard(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  static EtcdTestCluster cluster;

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = EtcdTestCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void allHealthyMembersAnswerWithOneLeader() {
    EtcdObservation probe = new EtcdProbe(cluster.clientUrls(), null, PATIENT).probe();

    assertThat(probe.errors()).isEmpty();
    assertThat(probe.voters()).extracting(Member::name).containsExactly("etcd-0", "etcd-1", "etcd-2");
    assertThat(probe.members()).allSatisfy(m -> {
      assertThat(m.healthy()).isTrue();
      assertThat(m.raftIndex()).isPositive();
      assertThat(m.dbSize()).isPositive();
    });
    assertThat(probe.members()).filteredOn(Member::leader).hasSize(1);
    ClusterPolicyStatus status = analyze(probe);
    assertThat(status.etcd()).isEqualTo(new ClusterPolicyStatus.Etcd(EtcdSource.PROBE, 3, 3, 0, 2, 1, 1, null, null));
    assertThat(status.findings()).isEmpty();
  }

  @Test
  @Order(2)
  void aLearnerCountsInLearnersNotMembersAndIsStuckUntilItRuns() throws IOException {
    EtcdTestCluster.MemberProcess learner = cluster.addLearner("learner-0");

    EtcdObservation added = probe();
    assertThat(added.learners()).singleElement().satisfies(m -> assertThat(m.reachable()).isFalse());
    ClusterPolicyStatus beforeStart = analyze(added);
    assertThat(beforeStart.etcd().members()).isEqualTo(3);
    assertThat(beforeStart.etcd().learners()).isEqualTo(1);
    assertThat(beforeStart.etcd().remainingTolerance()).isEqualTo(1);
    assertThat(rules(beforeStart)).containsExactly(RuleId.ETCD_LEARNER_STUCK.id());

    cluster.startLearner(learner);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> probe().learners().stream().allMatch(Member::reachable));
    ClusterPolicyStatus running = analyze(probe());
    assertThat(running.etcd().members()).isEqualTo(3);
    assertThat(running.etcd().learners()).isEqualTo(1);
    assertThat(running.findings()).isEmpty();
  }

  @Test
  @Order(3)
  void oneMemberStoppedLeavesNoRemainingTolerance() {
    cluster.stop(2);

    EtcdObservation probe = probe();
    assertThat(probe.hasLeader()).isTrue();
    assertThat(probe.voters()).filteredOn(m -> !m.reachable()).extracting(Member::name).containsExactly("etcd-2");
    String stopped = probe.voters().get(2).id();
    assertThat(probe.errors()).anySatisfy(e -> assertThat(e).startsWith("member " + stopped + ": "));
    ClusterPolicyStatus status = analyze(probe);
    assertThat(status.etcd().source()).isEqualTo(EtcdSource.PROBE);
    assertThat(status.etcd().members()).isEqualTo(3);
    assertThat(status.etcd().healthy()).isEqualTo(2);
    assertThat(status.etcd().failureTolerance()).isEqualTo(1);
    assertThat(status.etcd().remainingTolerance()).isZero();
    assertThat(rules(status)).contains(RuleId.ETCD_QUORUM_AT_RISK.id());
  }

  @Test
  @Order(4)
  void podsReadyButMemberUnreachableIsAMismatch() {
    // The pods say all three run (a TCP-only readiness probe would say so); etcd says etcd-2 does not answer.
    List<HasMetadata> pods = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pods.add(TestObjects.etcdPod("etcd-" + i));
    }
    ClusterPolicyStatus status = StatusMapper.forCli().status(ANALYZER.analyze(
        ClusterSnapshot.builder().addAll(pods).etcdProbe(probe()).build(), PolicyResolver.defaults()));

    assertThat(status.findings()).filteredOn(f -> f.rule().equals(RuleId.ETCD_MEMBER_MISMATCH.id()))
        .extracting(f -> f.object().name()).containsExactlyInAnyOrder("etcd-etcd-2", "learner-0");
  }

  @Test
  @Order(5)
  void twoOfThreeStoppedMeansNoLeaderAndQuorumLost() {
    cluster.stop(1);

    // The survivor keeps its leader until its election timeout (1 s) runs out; the probe reports what etcd says.
    EtcdObservation probe = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
        .until(EtcdProbeRealClusterTest::probe, p -> !p.hasLeader());
    assertThat(probe.reachedCluster()).isTrue();
    assertThat(probe.members()).noneMatch(Member::healthy);
    ClusterPolicyStatus status = analyze(probe);
    assertThat(status.etcd().healthy()).isZero();
    assertThat(status.etcd().remainingTolerance()).isEqualTo(-2);
    assertThat(rules(status)).contains(RuleId.ETCD_QUORUM_LOST.id());
    assertThat(status.findings()).filteredOn(f -> f.rule().equals(RuleId.ETCD_NO_LEADER.id()))
        .singleElement().satisfies(f -> assertThat(f.severity()).hasToString("critical"));
  }

  /**
   * Where every member should answer, a timeout that a cold JVM's first TLS/gRPC set-up on a busy
   * 2-core machine cannot miss; cases with stopped members use the default, as production does.
   */
  static final Duration PATIENT = Duration.ofSeconds(10);

  static EtcdObservation probe() {
    return new EtcdProbe(cluster.clientUrls(), null, EtcdProbe.DEFAULT_TIMEOUT).probe();
  }

  static ClusterPolicyStatus analyze(EtcdObservation probe) {
    return StatusMapper.forCli().status(
        ANALYZER.analyze(ClusterSnapshot.builder().etcdProbe(probe).build(), PolicyResolver.defaults()));
  }

  static List<String> rules(ClusterPolicyStatus status) {
    return status.findings().stream().map(Finding::rule).toList();
  }
}
