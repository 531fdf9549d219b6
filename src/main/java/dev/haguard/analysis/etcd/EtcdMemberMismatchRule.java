package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.EtcdObservation.Member;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * {@code etcd-member-mismatch}: the probe and the pods disagree. A Ready etcd Pod whose member does
 * not answer, a member no Pod shows, or an etcd Pod no member matches. Judged only when both views
 * exist: an external etcd has no Pods to compare with.
 */
public final class EtcdMemberMismatchRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Optional<EtcdObservation> probe = context.snapshot().etcdProbe().filter(EtcdObservation::reachedCluster);
    List<Pod> etcdPods = context.etcd().memberPods();
    if (probe.isEmpty() || etcdPods.isEmpty()) {
      return;
    }
    EtcdMemberPods pods = EtcdMemberPods.of(probe.get(), etcdPods, context.snapshot());
    for (Member member : probe.get().members()) {
      Optional<Pod> pod = pods.podOf(member);
      if (pod.isEmpty()) {
        findings.report(RuleId.ETCD_MEMBER_MISMATCH, pods.ref(member),
            "etcd member " + member.displayName() + " (" + member.id() + ", peers " + member.peerUrls()
                + ") runs in no etcd Pod haguard sees",
            "If the member is gone, remove it (`etcdctl member remove " + member.id() + "`); if it runs outside"
                + " the cluster or under other labels, fix spec.etcd.selector");
      } else if (PodFacts.isReady(pod.get()) && !member.reachable()) {
        findings.report(RuleId.ETCD_MEMBER_MISMATCH, ObjectRef.of(pod.get()),
            "etcd Pod " + pod.get().getMetadata().getName() + " is Ready but its member " + member.displayName()
                + " does not answer the probe" + (member.errors().isEmpty() ? "" : ": " + member.errors()),
            "Check the member's client URL and certificates and its logs; a Ready probe that does not ask etcd"
                + " itself (e.g. only a TCP check) hides a dead member");
      }
    }
    for (Pod pod : pods.podsWithoutMember()) {
      findings.report(RuleId.ETCD_MEMBER_MISMATCH, ObjectRef.of(pod),
          "etcd Pod " + pod.getMetadata().getName() + " matches no member of etcd's member list",
          "Check that this etcd joined the cluster (its --initial-cluster) or is a leftover to delete");
    }
  }
}
