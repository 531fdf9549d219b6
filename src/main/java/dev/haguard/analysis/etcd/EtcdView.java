package dev.haguard.analysis.etcd;

import dev.haguard.analysis.PodFacts;
import dev.haguard.analysis.Quorum;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.EtcdObservation;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The etcd cluster as the snapshot shows it: its members (as etcd itself answered the probe, else
 * etcd Pods, else the declared count of an external etcd), how many are healthy, and where they run.
 */
public final class EtcdView {
  private final EtcdSource source;
  private final List<Pod> memberPods;
  private final int members;
  private final int healthy;
  private final int learners;
  private final Quorum quorum;
  private final SortedMap<String, Integer> healthyPerZone = new TreeMap<>();
  private final SortedMap<String, Integer> membersPerZone = new TreeMap<>();
  private final boolean everyMemberZoned;

  private EtcdView(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    memberPods = snapshot.pods().stream()
        .filter(p -> policy.etcdNamespace().equals(p.getMetadata().getNamespace()))
        .filter(p -> PodFacts.matches(p, policy.etcdSelector()))
        .filter(p -> !PodFacts.isFinished(p))
        .toList();
    boolean zoned = !memberPods.isEmpty();
    int readyCount = 0;
    for (Pod pod : memberPods) {
      boolean ready = PodFacts.isReady(pod);
      if (ready) {
        readyCount++;
      }
      String zone = zones.zoneOfNode(PodFacts.nodeName(pod));
      if (zone == null) {
        zoned = false;
        continue;
      }
      membersPerZone.merge(zone, 1, Integer::sum);
      if (ready) {
        healthyPerZone.merge(zone, 1, Integer::sum);
      }
    }
    Optional<EtcdObservation> probe = snapshot.etcdProbe().filter(EtcdObservation::reachedCluster);
    learners = probe.map(p -> p.learners().size()).orElse(0);
    if (probe.isPresent()) {
      // etcd's own answer outranks the pods': learners do not vote, and a Ready pod is not a member in quorum.
      source = EtcdSource.PROBE;
      members = probe.get().voters().size();
      healthy = probe.get().healthyVoters();
    } else if (!memberPods.isEmpty()) {
      source = EtcdSource.PODS;
      members = memberPods.size();
      healthy = readyCount;
    } else if (policy.etcdExpectedMembers() != null) {
      // An external etcd: haguard knows its size from the policy, not its health.
      source = EtcdSource.DECLARED;
      members = policy.etcdExpectedMembers();
      healthy = members;
    } else {
      source = EtcdSource.UNOBSERVABLE;
      members = 0;
      healthy = 0;
    }
    everyMemberZoned = zoned;
    quorum = Quorum.of(members);
  }

  public static EtcdView of(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    return new EtcdView(snapshot, policy, zones);
  }

  public EtcdSource source() {
    return source;
  }

  public boolean observable() {
    return source != EtcdSource.UNOBSERVABLE;
  }

  /** The etcd Pods (empty for a declared or unobservable etcd). */
  public List<Pod> memberPods() {
    return memberPods;
  }

  public int members() {
    return members;
  }

  public int healthy() {
    return healthy;
  }

  /** Learners (non-voting members catching up); only the probe sees them. */
  public int learners() {
    return learners;
  }

  public Quorum quorum() {
    return quorum;
  }

  public int remainingTolerance() {
    return quorum.remainingTolerance(healthy);
  }

  /** Members per zone; empty unless every member's node carries a zone. */
  public SortedMap<String, Integer> membersPerZone() {
    return everyMemberZoned ? membersPerZone : new TreeMap<>();
  }

  /** Whether quorum survives losing {@code zone}; true when members' zones are unknown. */
  public boolean quorumKeptWithout(String zone) {
    if (!everyMemberZoned) {
      return healthy >= quorum.majority();
    }
    return healthy - healthyPerZone.getOrDefault(zone, 0) >= quorum.majority();
  }

  /** Whether quorum survives the loss of any one zone; null when members' zones are unknown. */
  public Boolean survivesZoneLoss() {
    if (!everyMemberZoned) {
      return null;
    }
    return membersPerZone.keySet().stream().allMatch(this::quorumKeptWithout);
  }

  public ClusterPolicyStatus.Etcd toStatus() {
    return new ClusterPolicyStatus.Etcd(
        source, members, healthy, learners, quorum.majority(), quorum.failureTolerance(), remainingTolerance(),
        everyMemberZoned ? membersPerZone : null, survivesZoneLoss());
  }
}
