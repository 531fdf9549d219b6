package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.ClusterComponent;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.snapshot.EtcdObservation;
import java.util.Optional;

/**
 * {@code etcd-no-leader}: the etcd probe found no member with a leader, so no endpoint can commit
 * a write (or no endpoint answered at all).
 */
public final class EtcdNoLeaderRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Optional<EtcdObservation> probe = context.snapshot().etcdProbe();
    if (probe.isEmpty() || probe.get().hasLeader()) {
      return;
    }
    EtcdObservation etcd = probe.get();
    ObjectRef cluster = ClusterComponent.ETCD.ref(context.policy().etcdNamespace());
    if (!etcd.reachedCluster()) {
      findings.report(RuleId.ETCD_NO_LEADER, cluster,
          "no etcd endpoint answered the probe (" + String.join(", ", etcd.endpoints()) + "): "
              + String.join("; ", etcd.errors()),
          "Check that etcd runs and that the endpoints, the CA and the client certificate are right:"
              + " `etcdctl --endpoints=... --cacert=... --cert=... --key=... endpoint health`");
      return;
    }
    long reachable = etcd.members().stream().filter(EtcdObservation.Member::reachable).count();
    findings.report(RuleId.ETCD_NO_LEADER, cluster,
        "etcd has no leader: " + reachable + " of " + etcd.members().size() + " members answered and none"
            + " knows a leader, so no write can commit and the Kubernetes API cannot change anything",
        "Bring stopped members back until a majority runs (`etcdctl endpoint status --cluster -w table`);"
            + " if a majority is lost for good, restore from a snapshot (`etcdctl snapshot restore`)");
  }
}
