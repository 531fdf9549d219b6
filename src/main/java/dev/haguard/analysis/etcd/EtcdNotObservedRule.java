package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.policy.Policy;

/**
 * {@code etcd-not-observed}: the snapshot shows no etcd (a managed control plane such as EKS, GKE
 * or AKS, k3s on SQLite, or an external etcd nobody declared), so every quorum figure is unknown.
 * Says so, and how to let haguard see it, instead of letting silence read as "quorum fine".
 */
public final class EtcdNotObservedRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    EtcdView etcd = context.etcd();
    if (etcd.observable()) {
      return;
    }
    Policy policy = context.policy();
    String probe = context.snapshot().etcdProbe().isPresent() ? "the etcd probe reached no member, " : "";
    findings.report(RuleId.ETCD_NOT_OBSERVED, etcd.ref(),
        "etcd could not be observed: " + probe + "no Pod in " + policy.etcdNamespace() + " matches the etcd selector "
            + policy.etcdSelector() + " and spec.etcd.expectedMembers is not set, so its members, majority and"
            + " failure tolerance are unknown (a managed control plane such as EKS, GKE or AKS, or k3s on SQLite,"
            + " shows no etcd)",
        "If you run etcd, let haguard see it: probe it with `audit --etcd-endpoints https://HOST:2379` (spec.etcd.endpoints"
            + " in the operator), set spec.etcd.selector to its Pods' labels, or declare its size in"
            + " spec.etcd.expectedMembers; on a managed control plane the provider runs etcd and this is only a note");
  }
}
