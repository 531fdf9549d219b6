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
import io.fabric8.kubernetes.api.model.Node;
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
  static final String ETCD_ROLE_LABEL = "node-role.kubernetes.io/etcd";
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
  /** Healthy members on a node the snapshot shows, zoned or not; the rest (declared, probed) are placed nowhere. */
  private final int healthyOnNodes;
  /** The nodes of the members when they are counted from node roles ({@link EtcdSource#NODE_ROLES}), by name. */
  private final List<Node> memberNodes;

  private EtcdView(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    namespace = policy.etcdNamespace();
    memberPods = snapshot.pods().stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .filter(p -> PodFacts.matches(p, policy.etcdSelector()))
        .filter(p -> !PodFacts.isFinished(p))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
    Integer expected = policy.etcdExpectedMembers();
    Optional<EtcdObservation> probe = snapshot.etcdProbe().filter(EtcdObservation::reachedCluster);
    memberNodes = memberPods.isEmpty() && probe.isEmpty() && expected == null
        ? snapshot.nodes().stream().filter(EtcdView::hasEtcdRole)
            .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList()
        : List.of();
    int readyCount = 0;
    int readyOnNodes = 0;
    int placed = 0;
    for (Pod pod : memberPods) {
      boolean ready = PodFacts.isReady(pod);
      readyCount += ready ? 1 : 0;
      readyOnNodes += ready && PodFacts.nodeName(pod) != null ? 1 : 0;
      String zone = zones.zoneOfNode(PodFacts.nodeName(pod));
      if (zone != null) {
        zoneByPod.put(pod, zone);
        placed++;
      }
      countIn(zone, ready);
    }
    for (Node node : memberNodes) {
      boolean ready = isReady(node);
      readyCount += ready ? 1 : 0;
      readyOnNodes += ready ? 1 : 0;
      String zone = zones.zoneOfNode(node.getMetadata().getName());
      placed += zone != null ? 1 : 0;
      countIn(zone, ready);
    }
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
    } else if (!memberNodes.isEmpty()) {
      source = EtcdSource.NODE_ROLES;
      members = memberNodes.size();
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
    everyMemberZoned = (!memberPods.isEmpty() || !memberNodes.isEmpty()) && placed == members;
    healthyOnNodes = Math.min(readyOnNodes, healthy);
    quorum = Quorum.of(members);
  }

  private void countIn(String zone, boolean ready) {
    if (zone == null) {
      return;
    }
    membersPerZone.merge(zone, 1, Integer::sum);
    if (ready) {
      healthyPerZone.merge(zone, 1, Integer::sum);
    }
  }

  /** k3s and RKE2 label the nodes that run an etcd member; RKE2 also shows its etcd Pods, which come first. */
  private static boolean hasEtcdRole(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(ETCD_ROLE_LABEL));
  }

  /** A node whose Ready condition is True. */
  public static boolean isReady(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
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

  /** The nodes of the members counted from node roles, sorted by name (empty for any other source). */
  public List<Node> memberNodes() {
    return memberNodes;
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
   * majority. A member on a node without a zone is elsewhere. Null when that depends on members on
   * no node the snapshot shows (a declared etcd; a probe's members beyond the Pods): kept only if it
   * holds were they all in that zone.
   */
  public Boolean quorumKeptWithout(String zone) {
    int unplaced = healthy - healthyOnNodes;
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
