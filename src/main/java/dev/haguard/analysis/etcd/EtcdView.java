package dev.haguard.analysis.etcd;

import dev.haguard.analysis.ClusterComponent;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.Quorum;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.EtcdObservation;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The etcd cluster as the snapshot shows it: its members (as etcd itself answered the probe, else
 * etcd Pods, else the declared count of an external etcd), how many are healthy, and where they run.
 */
public final class EtcdView {
  private final String namespace;
  private final EtcdSource source;
  private final List<Pod> memberPods;
  private final int members;
  private final int healthy;
  private final int learners;
  private final Quorum quorum;
  private final Map<Pod, String> zoneByPod = new LinkedHashMap<>();
  private final SortedMap<String, Integer> healthyPerZone = new TreeMap<>();
  private final SortedMap<String, Integer> membersPerZone = new TreeMap<>();
  private final boolean everyMemberZoned;

  private EtcdView(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    namespace = policy.etcdNamespace();
    memberPods = snapshot.pods().stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .filter(p -> PodFacts.matches(p, policy.etcdSelector()))
        .filter(p -> !PodFacts.isFinished(p))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
    int readyCount = 0;
    for (Pod pod : memberPods) {
      boolean ready = PodFacts.isReady(pod);
      if (ready) {
        readyCount++;
      }
      String zone = zones.zoneOfNode(PodFacts.nodeName(pod));
      if (zone == null) {
        continue;
      }
      zoneByPod.put(pod, zone);
      membersPerZone.merge(zone, 1, Integer::sum);
      if (ready) {
        healthyPerZone.merge(zone, 1, Integer::sum);
      }
    }
    Integer expected = policy.etcdExpectedMembers();
    Optional<EtcdObservation> probe = snapshot.etcdProbe().filter(EtcdObservation::reachedCluster);
    learners = probe.map(p -> p.learners().size()).orElse(0);
    if (probe.isPresent()) {
      // etcd's own answer outranks the pods': learners do not vote, and a Ready pod is not a member in quorum.
      source = EtcdSource.PROBE;
      members = probe.get().voters().size();
      healthy = probe.get().healthyVoters();
    } else if (!memberPods.isEmpty()) {
      source = EtcdSource.PODS;
      // A declared size above the Pods seen means members whose Pods are gone: they count, unhealthy.
      members = expected == null ? memberPods.size() : Math.max(expected, memberPods.size());
      healthy = readyCount;
    } else if (expected != null) {
      // An external etcd: haguard knows its size from the policy, not its health.
      source = EtcdSource.DECLARED;
      members = expected;
      healthy = members;
    } else {
      source = EtcdSource.UNOBSERVABLE;
      members = 0;
      healthy = 0;
    }
    everyMemberZoned = !memberPods.isEmpty() && zoneByPod.size() == members;
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

  /** The etcd Pods, sorted by name (empty for a declared or unobservable etcd). */
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

  /** What cluster-wide etcd findings name: {@code EtcdCluster/<etcd namespace>/etcd}. */
  public ObjectRef ref() {
    return ClusterComponent.ETCD.ref(namespace);
  }

  /** Members per zone; empty unless every member's node carries a zone. */
  public SortedMap<String, Integer> membersPerZone() {
    return everyMemberZoned ? membersPerZone : new TreeMap<>();
  }

  /** The zone holding the most members (the first by name on a tie); empty unless every member is zoned. */
  public Optional<String> largestZone() {
    String largest = null;
    for (Map.Entry<String, Integer> e : membersPerZone().entrySet()) {
      if (largest == null || e.getValue() > membersPerZone.get(largest)) {
        largest = e.getKey();
      }
    }
    return Optional.ofNullable(largest);
  }

  /** The first member Pod (by name) running in {@code zone}. */
  public Optional<Pod> firstMemberIn(String zone) {
    return zoneByPod.entrySet().stream().filter(e -> e.getValue().equals(zone)).map(Map.Entry::getKey).findFirst();
  }

  /**
   * Whether quorum survives losing {@code zone}: the healthy members elsewhere still form a
   * majority. Null when that depends on members whose zone is unknown (a node without a zone, or a
   * declared etcd, whose members no Pod places): kept only if it holds were they all in that zone.
   */
  public Boolean quorumKeptWithout(String zone) {
    int unplaced = healthy - healthyPerZone.values().stream().mapToInt(Integer::intValue).sum();
    int elsewhere = healthy - healthyPerZone.getOrDefault(zone, 0);
    if (elsewhere < quorum.majority()) {
      return false;
    }
    return elsewhere - unplaced >= quorum.majority() ? true : null;
  }

  /** Whether quorum survives the loss of any one zone; null when members' zones are unknown. */
  public Boolean survivesZoneLoss() {
    if (!everyMemberZoned) {
      return null;
    }
    return membersPerZone.keySet().stream().allMatch(zone -> Boolean.TRUE.equals(quorumKeptWithout(zone)));
  }

  /** The quorum figures a person needs to judge a finding: "members 3, healthy 2, majority 2, ...". */
  public String describe() {
    return "members " + members + ", healthy " + healthy + ", majority " + quorum.majority()
        + ", failure tolerance " + quorum.failureTolerance() + ", remaining tolerance " + remainingTolerance();
  }

  public ClusterPolicyStatus.Etcd toStatus() {
    if (!observable()) {
      // Unknown is not zero: a reader (and an alert) must not take an unseen etcd for an empty one.
      return new ClusterPolicyStatus.Etcd(source, null, null, null, null, null, null, null, null);
    }
    return new ClusterPolicyStatus.Etcd(
        source, members, healthy, learners, quorum.majority(), quorum.failureTolerance(), remainingTolerance(),
        everyMemberZoned ? membersPerZone : null, survivesZoneLoss());
  }
}
