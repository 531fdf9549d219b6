package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Quorum;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/** {@code etcd-no-fault-tolerance}: 1 or 2 members tolerate no failure by design. */
public final class EtcdNoFaultToleranceRule implements Rule {
  private static final int SMALLEST_TOLERANT_SIZE = 3;

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    if (!etcd.observable() || etcd.members() < 1 || etcd.members() >= SMALLEST_TOLERANT_SIZE) {
      return;
    }
    findings.report(RuleId.ETCD_NO_FAULT_TOLERANCE, etcd.ref(),
        "etcd has " + etcd.members() + " member(s): the majority is " + etcd.quorum().majority()
            + ", so it tolerates no failure; losing any one member stops the cluster (" + etcd.describe() + ")",
        "Grow etcd to " + SMALLEST_TOLERANT_SIZE + " members (tolerates "
            + Quorum.of(SMALLEST_TOLERANT_SIZE).failureTolerance() + " failure) or " + Quorum.USUAL_SIZE
            + " (tolerates " + Quorum.of(Quorum.USUAL_SIZE).failureTolerance() + ", the usual advice) on separate"
            + " machines, ideally in separate zones: add members one at a time (`etcdctl member add`; with kubeadm,"
            + " `kubeadm join --control-plane`)");
  }
}
