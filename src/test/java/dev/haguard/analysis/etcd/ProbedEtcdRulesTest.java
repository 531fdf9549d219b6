package dev.haguard.analysis.etcd;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe-fed etcd rules on fabricated observations, each both ways; the real-etcd tests live in dev.haguard.etcd. */
class ProbedEtcdRulesTest {
  static final Analyzer ANALYZER = Analyzer.standard(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  static final long GIB = 1024L * 1024 * 1024;

  static Member voter(String name, boolean reachable, boolean leader, Long raftIndex, Long dbSize) {
    return new Member(name + "-id", name, List.of("https://10.0.0.1" + name.charAt(name.length() - 1) + ":2380"),
        List.of("https://10.0.0.1" + name.charAt(name.length() - 1) + ":2379"), false, reachable, reachable, leader,
        reachable ? 2L : null, raftIndex, dbSize, List.of());
  }

  static Member learner(String name, boolean reachable, Long raftIndex) {
    return new Member(name + "-id", name, List.of("https://10.0.0.9:2380"), List.of("https://10.0.0.9:2379"), true,
        reachable, reachable, false, reachable ? 2L : null, raftIndex, reachable ? 20480L : null, List.of());
  }

  static EtcdObservation healthy(Member... extra) {
    List<Member> members = new ArrayList<>(List.of(
        voter("cp-1", true, true, 100_000L, 20480L), voter("cp-2", true, false, 100_000L, 20480L),
        voter("cp-3", true, false, 100_000L, 20480L)));
    members.addAll(List.of(extra));
    return new EtcdObservation(List.of("https://10.0.0.11:2379"), members, "cp-1-id", List.of());
  }

  static ClusterPolicyStatus analyze(EtcdObservation probe, HasMetadata... objects) {
    return StatusMapper.forCli().status(ANALYZER.analyze(
        ClusterSnapshot.builder().addAll(List.of(objects)).etcdProbe(probe).build(), PolicyResolver.defaults()));
  }

  static List<Finding> findings(ClusterPolicyStatus status, RuleId rule) {
    return status.findings().stream().filter(f -> f.rule().equals(rule.id())).toList();
  }

  static Pod[] etcdPods() {
    return new Pod[] {TestObjects.etcdPod("cp-1"), TestObjects.etcdPod("cp-2"), TestObjects.etcdPod("cp-3")};
  }

  @Test
  void theProbeIsTheSourceAndLearnersDoNotVote() {
    ClusterPolicyStatus status = analyze(healthy(learner("cp-4", true, 100_000L)),
        TestObjects.etcdPod("cp-1"), TestObjects.etcdPod("cp-2"), TestObjects.etcdPod("cp-3"), TestObjects.etcdPod("cp-4"));

    assertThat(status.etcd()).isEqualTo(new ClusterPolicyStatus.Etcd(EtcdSource.PROBE, 3, 3, 1, 2, 1, 1, null, null));
    assertThat(status.findings()).isEmpty();
  }

  @Test
  void noLeaderIsCriticalAndNoMemberIsHealthy() {
    EtcdObservation noLeader = new EtcdObservation(List.of("https://10.0.0.11:2379"),
        List.of(voter("cp-1", true, false, 10L, 20480L), voter("cp-2", false, false, null, null),
            voter("cp-3", false, false, null, null)), null, List.of("member cp-2-id: no answer within 2000 ms"));
    List<Member> unhealthy = noLeader.members().stream()
        .map(m -> new Member(m.id(), m.name(), m.peerUrls(), m.clientUrls(), false, m.reachable(), false, false,
            m.raftTerm(), m.raftIndex(), m.dbSize(), m.errors())).toList();

    ClusterPolicyStatus status = analyze(new EtcdObservation(noLeader.endpoints(), unhealthy, null, noLeader.errors()));

    assertThat(findings(status, RuleId.ETCD_NO_LEADER)).singleElement()
        .satisfies(f -> assertThat(f.object().kind()).isEqualTo("EtcdCluster"));
    assertThat(status.etcd().remainingTolerance()).isEqualTo(-2);
  }

  @Test
  void noEndpointAnsweringIsNoLeaderAndFallsBackToThePods() {
    EtcdObservation nothing = new EtcdObservation(List.of("https://10.0.0.11:2379"), List.of(), null,
        List.of("https://10.0.0.11:2379: TLS handshake failed: PKIX path building failed"));

    ClusterPolicyStatus status = analyze(nothing, etcdPods());

    assertThat(status.etcd().source()).isEqualTo(EtcdSource.PODS);
    assertThat(findings(status, RuleId.ETCD_NO_LEADER)).hasSize(1);
  }

  @Test
  void aLearnerFarBehindTheLeaderIsStuck() {
    ClusterPolicyStatus behind = analyze(healthy(learner("cp-4", true, 50_000L)));
    ClusterPolicyStatus almost = analyze(healthy(learner("cp-4", true, 95_000L)));

    assertThat(findings(behind, RuleId.ETCD_LEARNER_STUCK)).extracting(f -> f.object().name()).containsExactly("cp-4");
    assertThat(findings(almost, RuleId.ETCD_LEARNER_STUCK)).isEmpty();
  }

  @Test
  void farBehindNeedsBothTheFractionAndTheMinimumLag() {
    assertThat(EtcdLearnerStuckRule.isFarBehind(80L, 100)).isFalse();
    assertThat(EtcdLearnerStuckRule.isFarBehind(8_000L, 10_000)).isTrue();
    assertThat(EtcdLearnerStuckRule.isFarBehind(9_500L, 10_000)).isFalse();
  }

  @Test
  void aDatabaseOverEightyPercentOfTheDefaultQuotaIsNearQuota() {
    EtcdObservation probe = new EtcdObservation(List.of("https://10.0.0.11:2379"), List.of(
        voter("cp-1", true, true, 10L, 1800 * 1024 * 1024L), voter("cp-2", true, false, 10L, 1000 * 1024 * 1024L),
        voter("cp-3", true, false, 10L, 1000 * 1024 * 1024L)), "cp-1-id", List.of());

    ClusterPolicyStatus status = analyze(probe, etcdPods());

    assertThat(findings(status, RuleId.ETCD_DB_SIZE_NEAR_QUOTA)).extracting(f -> f.object().name())
        .containsExactly("etcd-cp-1");
  }

  @Test
  void aConfiguredQuotaReplacesTheDefault() {
    Pod bigQuota = new PodBuilder(TestObjects.etcdPod("cp-1")).editSpec().editFirstContainer()
        .withCommand("etcd", "--quota-backend-bytes=" + 8 * GIB).endContainer().endSpec().build();
    EtcdObservation probe = new EtcdObservation(List.of("https://10.0.0.11:2379"), List.of(
        voter("cp-1", true, true, 10L, 3 * GIB)), "cp-1-id", List.of());

    assertThat(EtcdDbSizeNearQuotaRule.quotaOf(bigQuota)).isEqualTo(8 * GIB);
    assertThat(findings(analyze(probe, bigQuota), RuleId.ETCD_DB_SIZE_NEAR_QUOTA)).isEmpty();
  }

  @Test
  void withoutAPodTheQuotaIsUnknownAndNotJudged() {
    EtcdObservation probe = new EtcdObservation(List.of("https://10.0.0.11:2379"), List.of(
        voter("cp-1", true, true, 10L, 3 * GIB)), "cp-1-id", List.of());

    assertThat(findings(analyze(probe), RuleId.ETCD_DB_SIZE_NEAR_QUOTA)).isEmpty();
  }

  @Test
  void membersAndPodsThatMatchAreNoMismatch() {
    assertThat(findings(analyze(healthy(), etcdPods()), RuleId.ETCD_MEMBER_MISMATCH)).isEmpty();
  }

  @Test
  void membersMatchPodsByPeerUrlHostWhenNamesDiffer() {
    List<Member> renamed = healthy().members().stream()
        .map(m -> new Member(m.id(), "member-" + m.name(), m.peerUrls(), m.clientUrls(), false, true, true, m.leader(),
            m.raftTerm(), m.raftIndex(), m.dbSize(), List.of())).toList();
    List<Pod> pods = new ArrayList<>();
    for (Pod pod : etcdPods()) {
      String node = pod.getSpec().getNodeName();
      pods.add(new PodBuilder(pod).editStatus().withPodIP("10.0.0.1" + node.charAt(node.length() - 1)).endStatus()
          .build());
    }

    ClusterPolicyStatus status = analyze(new EtcdObservation(List.of(), renamed, "cp-1-id", List.of()),
        pods.toArray(Pod[]::new));

    assertThat(findings(status, RuleId.ETCD_MEMBER_MISMATCH)).isEmpty();
  }

  @Test
  void aMemberNoPodShowsAndAPodNoMemberMatchesAreMismatches() {
    Pod stray = TestObjects.etcdPod("cp-9");
    ClusterPolicyStatus status = analyze(healthy(),
        TestObjects.etcdPod("cp-1"), TestObjects.etcdPod("cp-2"), stray);

    assertThat(findings(status, RuleId.ETCD_MEMBER_MISMATCH)).extracting(f -> f.object().kind() + "/" + f.object().name())
        .containsExactlyInAnyOrder("EtcdMember/cp-3", "Pod/etcd-cp-9");
  }
}
