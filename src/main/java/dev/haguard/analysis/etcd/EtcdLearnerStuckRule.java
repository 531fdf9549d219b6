package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.EtcdObservation.Member;
import java.util.Optional;

/**
 * {@code etcd-learner-stuck}: a learner that does not answer, or whose raft index is far behind
 * the leader's. "Far" is etcd's own bar for promotion: {@code member promote} refuses a learner
 * below 90% of the leader's index. A lag under {@value #MIN_LAG} entries is ignored: a live
 * learner closes it in moments, and on a young cluster 10% is only a handful of entries.
 */
public final class EtcdLearnerStuckRule implements Rule {
  /** etcd's {@code readyPercent} for promoting a learner. */
  static final double PROMOTABLE_FRACTION = 0.9;
  static final long MIN_LAG = 1000;

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Optional<EtcdObservation> probe = context.snapshot().etcdProbe();
    Optional<Member> leader = probe.flatMap(EtcdObservation::leader);
    if (leader.isEmpty() || leader.get().raftIndex() == null) {
      return;
    }
    long leaderIndex = leader.get().raftIndex();
    EtcdMemberPods pods = EtcdMemberPods.of(probe.get(), context.etcd().memberPods(), context.snapshot());
    for (Member learner : probe.get().learners()) {
      if (!learner.reachable()) {
        findings.report(RuleId.ETCD_LEARNER_STUCK, pods.ref(learner),
            "etcd learner " + learner.displayName() + " (" + learner.id() + ") does not answer, so it is not"
                + " catching up with the leader" + (learner.errors().isEmpty() ? "" : ": " + learner.errors()),
            "Start the learner's etcd with --initial-cluster-state=existing and the cluster's peer URLs, or"
                + " remove it: `etcdctl member remove " + learner.id() + "`");
      } else if (isFarBehind(learner.raftIndex(), leaderIndex)) {
        findings.report(RuleId.ETCD_LEARNER_STUCK, pods.ref(learner),
            "etcd learner " + learner.displayName() + " is at raft index " + learner.raftIndex() + ", the leader at "
                + leaderIndex + ": below the " + (int) (PROMOTABLE_FRACTION * 100) + "% etcd needs to promote it",
            "Check the learner's logs and its peer connectivity to the leader (peer URL, firewall, disk);"
                + " if it cannot catch up, remove it and add it again");
      }
    }
  }

  static boolean isFarBehind(Long learnerIndex, long leaderIndex) {
    long index = learnerIndex == null ? 0 : learnerIndex;
    return leaderIndex - index > MIN_LAG && index < PROMOTABLE_FRACTION * leaderIndex;
  }
}
