package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/**
 * {@code etcd-quorum-at-risk}: a cluster built to tolerate failures (3 members or more) has used
 * up its tolerance; one more failure loses quorum.
 */
public final class EtcdQuorumAtRiskRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    if (!etcd.observable() || etcd.members() < 3 || etcd.remainingTolerance() != 0) {
      return;
    }
    int unhealthy = etcd.members() - etcd.healthy();
    findings.report(RuleId.ETCD_QUORUM_AT_RISK, etcd.ref(),
        "etcd is one failure from losing quorum: " + unhealthy + " of " + etcd.members() + " members are"
            + " unhealthy, leaving exactly the majority of " + etcd.quorum().majority() + " (" + etcd.describe() + ")",
        "Restore the " + unhealthy + " unhealthy member(s) now (etcd Pod logs, `etcdctl endpoint health"
            + " --cluster`); replace a member that will not recover with `etcdctl member remove` then"
            + " `etcdctl member add` on a healthy machine, one member at a time");
  }
}
