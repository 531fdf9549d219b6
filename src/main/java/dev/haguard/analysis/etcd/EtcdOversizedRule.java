package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Quorum;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/** {@code etcd-oversized}: more members than the policy allows; every write waits for a larger majority. */
public final class EtcdOversizedRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    int max = context.policy().etcdMaxMembers();
    if (!etcd.observable() || etcd.members() <= max) {
      return;
    }
    int target = max % 2 == 1 ? max : max - 1;
    findings.report(RuleId.ETCD_OVERSIZED, etcd.ref(),
        "etcd has " + etcd.members() + " members, more than the policy's maximum of " + max + ": every write"
            + " must be agreed by " + etcd.quorum().majority() + " members, so writes slow down as members are"
            + " added (" + etcd.describe() + ")",
        "Shrink etcd to " + target + " members (tolerates " + Quorum.of(target).failureTolerance() + " failures)"
            + " with `etcdctl member remove`, one member at a time, keeping the count odd; " + Quorum.USUAL_SIZE
            + " members is the usual advice");
  }
}
