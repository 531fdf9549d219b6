package dev.haguard.analysis.etcd;

import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.notReady;
import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.analysis.Rule;
import dev.haguard.analysis.RuleTesting;
import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.PolicySpecBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every etcd rule, both ways. Cluster-wide findings name EtcdCluster/kube-system/etcd. */
class EtcdRulesTest {
  private static final ObjectRef ETCD = new ObjectRef(null, "EtcdCluster", "kube-system", "etcd");

  /** Control-plane nodes cp-0..cp-(n-1) with an etcd Pod each; {@code zones[i]} is node i's zone. */
  private static List<HasMetadata> stackedEtcd(String... zones) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < zones.length; i++) {
      objects.add(controlPlaneNode("cp-" + i, zones[i]));
      objects.add(etcdPod("cp-" + i));
    }
    return objects;
  }

  private static List<HasMetadata> withUnready(List<HasMetadata> objects, int count) {
    List<HasMetadata> changed = new ArrayList<>();
    int left = count;
    for (HasMetadata o : objects) {
      if (o instanceof Pod p && left > 0) {
        changed.add(notReady(p));
        left--;
      } else {
        changed.add(o);
      }
    }
    return changed;
  }

  private static Policy etcdPolicy(Integer expectedMembers, Integer maxMembers) throws InvalidPolicyException {
    return PolicySpecBuilder.spec().etcdMembers(expectedMembers, maxMembers).resolve();
  }

  private static List<Finding> run(Rule rule, Policy policy, List<HasMetadata> objects) {
    return RuleTesting.findings(rule, policy, objects);
  }

  private static List<Finding> run(Rule rule, List<HasMetadata> objects) {
    return RuleTesting.findings(rule, PolicyResolver.defaults(), objects);
  }

  @Test
  void anUnobservableEtcdFiresOnlyTheNoteThatItIsUnobserved() {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(List.of(node("w-0", "a"))).build();

    var status = StatusMapper.forCli().status(
        Analyzer.standard(Clock.systemUTC()).analyze(snapshot, PolicyResolver.defaults()));

    assertThat(status.findings()).filteredOn(f -> f.rule().startsWith("etcd-"))
        .extracting(Finding::rule).containsExactly("etcd-not-observed");
    assertThat(status.etcd().source()).hasToString("Unobservable");
  }

  @Nested
  class QuorumLost {
    private final Rule rule = new EtcdQuorumLostRule();

    @Test
    void firesWhenHealthyMembersAreBelowTheMajority() {
      assertSingleFinding(run(rule, withUnready(stackedEtcd("a", "b", "c"), 2)), "etcd-quorum-lost", Severity.CRITICAL, ETCD);
    }

    @Test
    void quietWhileAMajorityIsHealthy() {
      assertThat(run(rule, withUnready(stackedEtcd("a", "b", "c"), 1))).isEmpty();
    }

    @Test
    void quietForADeclaredExternalEtcd() throws Exception {
      assertThat(run(rule, etcdPolicy(3, null), List.of(node("w-0", "a")))).isEmpty();
    }
  }

  @Nested
  class QuorumAtRisk {
    private final Rule rule = new EtcdQuorumAtRiskRule();

    @Test
    void firesWhenOneMoreFailureLosesQuorum() {
      assertSingleFinding(run(rule, withUnready(stackedEtcd("a", "b", "c"), 1)),
          "etcd-quorum-at-risk", Severity.CRITICAL, ETCD);
    }

    @Test
    void firesWhenADeclaredMemberHasNoPod() throws Exception {
      // Three members declared, two Pods seen: the third counts as unhealthy.
      assertSingleFinding(run(rule, etcdPolicy(3, null), stackedEtcd("a", "b")),
          "etcd-quorum-at-risk", Severity.CRITICAL, ETCD);
    }

    @Test
    void quietWithToleranceLeft() {
      assertThat(run(rule, withUnready(stackedEtcd("a", "b", "c", "a", "b"), 1))).isEmpty();
    }

    @Test
    void quietBelowThreeMembersWhereNoFaultToleranceSpeaks() {
      assertThat(run(rule, stackedEtcd("a", "b"))).isEmpty();
    }

    @Test
    void quietOnceQuorumIsLost() {
      assertThat(run(rule, withUnready(stackedEtcd("a", "b", "c"), 2))).isEmpty();
    }
  }

  @Nested
  class NoFaultTolerance {
    private final Rule rule = new EtcdNoFaultToleranceRule();

    @Test
    void firesForOneMember() {
      assertSingleFinding(run(rule, stackedEtcd("a")), "etcd-no-fault-tolerance", Severity.CRITICAL, ETCD);
    }

    @Test
    void firesForTwoMembers() {
      assertSingleFinding(run(rule, stackedEtcd("a", "b")), "etcd-no-fault-tolerance", Severity.CRITICAL, ETCD);
    }

    @Test
    void firesForADeclaredSingleMember() throws Exception {
      assertSingleFinding(run(rule, etcdPolicy(1, null), List.of()), "etcd-no-fault-tolerance", Severity.CRITICAL, ETCD);
    }

    @Test
    void quietFromThreeMembers() {
      assertThat(run(rule, stackedEtcd("a", "b", "c"))).isEmpty();
    }

    @Test
    void quietWhenEtcdIsUnobservable() {
      assertThat(run(rule, List.of(node("w-0", "a")))).isEmpty();
    }
  }

  @Nested
  class EvenMembers {
    private final Rule rule = new EtcdEvenMembersRule();

    @Test
    void firesForFourMembers() {
      assertSingleFinding(run(rule, stackedEtcd("a", "b", "c", "a")), "etcd-even-members", Severity.WARNING, ETCD);
    }

    @Test
    void firesForADeclaredEvenSize() throws Exception {
      assertSingleFinding(run(rule, etcdPolicy(6, null), List.of()), "etcd-even-members", Severity.WARNING, ETCD);
    }

    @Test
    void quietForOddSizes() {
      assertThat(run(rule, stackedEtcd("a", "b", "c"))).isEmpty();
      assertThat(run(rule, stackedEtcd("a", "b", "c", "a", "b"))).isEmpty();
    }
  }

  @Nested
  class Oversized {
    private final Rule rule = new EtcdOversizedRule();

    @Test
    void firesAboveTheDefaultMaximumOfSeven() throws Exception {
      assertSingleFinding(run(rule, etcdPolicy(9, null), List.of()), "etcd-oversized", Severity.WARNING, ETCD);
    }

    @Test
    void firesAboveAPolicyMaximum() throws Exception {
      assertSingleFinding(run(rule, etcdPolicy(null, 5), stackedEtcd("a", "b", "c", "a", "b", "c", "a")),
          "etcd-oversized", Severity.WARNING, ETCD);
    }

    @Test
    void quietAtTheMaximum() throws Exception {
      assertThat(run(rule, etcdPolicy(7, null), List.of())).isEmpty();
    }
  }

  @Nested
  class ZoneSpof {
    private final Rule rule = new EtcdZoneSpofRule();

    @Test
    void firesOnAPodOfTheZoneHoldingTooManyMembers() {
      List<Finding> findings = run(rule, stackedEtcd("b", "a", "a"));

      assertSingleFinding(findings, "etcd-zone-spof", Severity.WARNING,
          new ObjectRef("v1", "Pod", "kube-system", "etcd-cp-1"));
    }

    @Test
    void firesForFourMembersOverThreeZones() {
      // 2+1+1: losing the zone with two leaves two, below the majority of three.
      assertThat(run(rule, stackedEtcd("a", "a", "b", "c")))
          .singleElement().satisfies(f -> assertThat(f.object().name()).isEqualTo("etcd-cp-0"));
    }

    @Test
    void quietWhenEveryZoneLossKeepsAMajority() {
      assertThat(run(rule, stackedEtcd("a", "b", "c"))).isEmpty();
      assertThat(run(rule, stackedEtcd("a", "a", "b", "b", "c"))).isEmpty();
    }

    @Test
    void quietWhenAMemberHasNoZone() {
      assertThat(run(rule, stackedEtcd("a", "a", null))).isEmpty();
    }

    @Test
    void quietBelowThreeMembers() {
      assertThat(run(rule, stackedEtcd("a", "a"))).isEmpty();
    }

    @Test
    void quietForADeclaredEtcdWithoutZones() throws Exception {
      assertThat(run(rule, etcdPolicy(3, null), List.of(node("w-0", "a")))).isEmpty();
    }
  }
}
