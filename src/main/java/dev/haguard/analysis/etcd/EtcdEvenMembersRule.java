package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Quorum;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/**
 * {@code etcd-even-members}: an even member count tolerates no more failures than one member less,
 * and adds one more machine that can fail.
 */
public final class EtcdEvenMembersRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    int members = etcd.members();
    if (!etcd.observable() || members == 0 || members % 2 != 0) {
      return;
    }
    Quorum below = Quorum.of(members - 1);
    Quorum target = Quorum.of(etcd.quorum().nearestOddSize());
    String move = target.members() < members
        ? "Move to " + target.members() + " members (`etcdctl member remove`): the same tolerance of "
            + target.failureTolerance() + " with one machine fewer to fail"
        : "Move to " + target.members() + " members (`etcdctl member add`), which tolerates "
            + target.failureTolerance() + " failure";
    String usual = target.members() == Quorum.USUAL_SIZE ? ", the usual advice"
        : "; " + Quorum.USUAL_SIZE + " members, tolerating " + Quorum.of(Quorum.USUAL_SIZE).failureTolerance()
            + " failures, is the usual advice";
    findings.report(RuleId.ETCD_EVEN_MEMBERS, etcd.ref(),
        "etcd has an even number of members, " + members + ": the majority is " + etcd.quorum().majority()
            + ", so it tolerates " + etcd.quorum().failureTolerance() + " failure(s), no more than "
            + below.members() + " member(s) would, with one more machine that can fail (" + etcd.describe() + ")",
        move + usual + "; change one member at a time");
  }
}
