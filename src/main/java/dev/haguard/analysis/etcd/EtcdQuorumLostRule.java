package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/** {@code etcd-quorum-lost}: fewer healthy members than the majority, so etcd commits no write. */
public final class EtcdQuorumLostRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    if (!etcd.observable() || etcd.healthy() >= etcd.quorum().majority()) {
      return;
    }
    findings.report(RuleId.ETCD_QUORUM_LOST, etcd.ref(),
        "etcd has lost quorum: " + etcd.healthy() + " of " + etcd.members() + " members are healthy, below the"
            + " majority of " + etcd.quorum().majority() + "; etcd commits no write, so the cluster cannot change"
            + " state (" + etcd.describe() + ")",
        "Bring unhealthy members back (etcd Pod logs, `etcdctl endpoint health --cluster`) until "
            + etcd.quorum().majority() + " are healthy; if members are lost for good, restore the latest"
            + " `etcdctl snapshot save` backup with `etcdctl snapshot restore` and re-form the cluster");
  }
}
