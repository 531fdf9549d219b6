package dev.haguard.analysis.whatif;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.apiserver.ApiServerView;
import dev.haguard.analysis.disruption.DisruptionBudget;
import dev.haguard.analysis.disruption.DisruptionBudgets;
import dev.haguard.analysis.etcd.EtcdView;
import dev.haguard.analysis.pods.PodOwnership;
import dev.haguard.analysis.volumes.VolumeZones;
import dev.haguard.analysis.zones.LossVerdict;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers "what if these nodes, zones or etcd members go, or these nodes are drained?" from one
 * snapshot, with the views the analysis already computed (zones, etcd quorum, apiservers, the
 * workload index) and the PDB budgets of the disruption controller. Pure: no client calls.
 *
 * <p>A lost node takes every pod on it at once. A drained node is cordoned and its pods evicted as
 * {@code kubectl drain --ignore-daemonsets --delete-emptydir-data --force} does: DaemonSet and
 * static (mirror) pods stay, a pod without a controller is deleted for good, every other eviction
 * asks the pod's PDB. The pods that leave are then placed, one after the other, on the nodes left.
 */
public final class WhatIfSimulator {
  private final AnalysisContext context;
  private final ClusterSnapshot snapshot;

  WhatIfSimulator(AnalysisContext context) {
    this.context = context;
    this.snapshot = context.snapshot();
  }

  /**
   * @throws UnknownTargetException when the scenario names a node, zone or etcd member the snapshot lacks
   */
  public static WhatIfResult simulate(AnalysisContext context, Scenario scenario) {
    return new WhatIfSimulator(context).run(scenario);
  }

  private WhatIfResult run(Scenario scenario) {
    Set<String> lostNodes = new LinkedHashSet<>();
    Set<String> drainedNodes = new LinkedHashSet<>();
    Set<String> lostMembers = new LinkedHashSet<>();
    for (Scenario.Step step : scenario.steps()) {
      switch (step.kind()) {
        case NODE -> {
          if (snapshot.node(step.name()).isEmpty()) {
            throw new UnknownTargetException("node/" + step.name() + ": no such node in the snapshot");
          }
          (step.action() == Scenario.Action.DRAIN ? drainedNodes : lostNodes).add(step.name());
        }
        case ZONE -> {
          if (!context.zones().zones().contains(step.name())) {
            throw new UnknownTargetException("zone/" + step.name() + ": no node is in that zone (zones: "
                + String.join(", ", context.zones().zones()) + ")");
          }
          for (Node n : snapshot.nodes()) {
            if (step.name().equals(context.zones().zoneOfNode(n.getMetadata().getName()))) {
              lostNodes.add(n.getMetadata().getName());
            }
          }
        }
        case ETCD_MEMBER -> {
          if (!isEtcdMember(step.name())) {
            throw new UnknownTargetException("etcd-member/" + step.name()
                + ": no etcd member, etcd Pod or etcd Pod's node of that name");
          }
          lostMembers.add(step.name());
        }
      }
    }
    drainedNodes.removeAll(lostNodes);

    // Losses strike first: a drain asks budgets that already miss the pods of the lost nodes.
    DisruptionBudgets budgets = DisruptionBudgets.after(snapshot, p -> lostNodes.contains(PodFacts.nodeName(p)));
    int pods = snapshot.pods().size(); // sized up front: regrowing maps of 100k pods costs more than filling them
    Map<Pod, Workload> workloadOf = new IdentityHashMap<>(pods);
    snapshot.workloads().forEach(w -> w.pods().forEach(p -> workloadOf.put(p, w)));

    // Who leaves: everything on a lost node; what a drain may evict.
    Map<Pod, Boolean> leaving = new IdentityHashMap<>(); // pod -> lost (true) or evicted (false)
    Map<Pod, Node> staying = new IdentityHashMap<>(pods);
    Map<DisruptionBudget, List<Pod>> evictedUnder = new LinkedHashMap<>();
    Map<DisruptionBudget, List<Pod>> blockedUnder = new LinkedHashMap<>();
    List<Pod> overlapping = new ArrayList<>();
    for (Pod pod : snapshot.pods()) {
      String nodeName = PodFacts.nodeName(pod);
      if (PodFacts.isFinished(pod) || nodeName == null) {
        continue;
      }
      if (lostNodes.contains(nodeName)) {
        leaving.put(pod, true);
      } else if (drainedNodes.contains(nodeName) && !staysOnDrain(pod, workloadOf.get(pod))) {
        List<DisruptionBudget> covering = budgets.covering(pod);
        if (covering.size() > 1) {
          overlapping.add(pod);
        } else if (covering.size() == 1 && !evictable(pod, covering.get(0))) {
          blockedUnder.computeIfAbsent(covering.get(0), k -> new ArrayList<>()).add(pod);
        } else {
          leaving.put(pod, false);
          if (covering.size() == 1) {
            evictedUnder.computeIfAbsent(covering.get(0), k -> new ArrayList<>()).add(pod);
          }
        }
      }
      if (!leaving.containsKey(pod)) {
        snapshot.node(nodeName).ifPresent(n -> staying.put(pod, n));
      }
    }

    // Where the leavers go.
    List<Node> targets = new ArrayList<>();
    List<Node> remaining = new ArrayList<>();
    for (Node n : snapshot.nodes()) {
      String name = n.getMetadata().getName();
      if (!lostNodes.contains(name)) {
        remaining.add(n);
        if (!drainedNodes.contains(name)) {
          targets.add(n);
        }
      }
    }
    Placement placement = new Placement(staying, targets, remaining);
    List<Pod> leavers = new ArrayList<>(leaving.keySet());
    leavers.sort(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()));
    List<WhatIfResult.Unplaceable> cannot = new ArrayList<>();
    List<WhatIfResult.StrandedVolume> stranded = new ArrayList<>();
    Set<Pod> unplaced = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Pod> placed = new ArrayList<>();
    for (Pod pod : leavers) {
      Workload w = workloadOf.get(pod);
      if (w != null && w.object() instanceof DaemonSet) {
        continue; // a DaemonSet runs per node: nothing to move
      }
      if (w == null || w.isBarePod()) {
        unplaced.add(pod);
        cannot.add(unplaceable(pod, leaving.get(pod) ? "no controller recreates it: it is gone with its node"
            : "no controller recreates it: kubectl drain --force deletes it for good"));
        continue;
      }
      Set<String> zones = new TreeSet<>();
      List<String[]> claims = zonalClaims(pod, zones);
      Placement.Result result = placement.place(pod, zones, n -> context.zones().zoneOfNode(n.getMetadata().getName()));
      if (result.node() != null) {
        placed.add(pod);
        continue;
      }
      unplaced.add(pod);
      cannot.add(unplaceable(pod, result.reason()));
      if (result.volumeStranded()) {
        for (String[] claim : claims) {
          stranded.add(new WhatIfResult.StrandedVolume(claim[0], claim[1], claim[2],
              pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()));
        }
      }
    }
    judgeCapacity(placed, staying, targets, unplaced, cannot);

    List<WhatIfResult.DrainBlock> blocks = new ArrayList<>();
    // Drains that hang: budgets that grant no eviction now, or whose evicted pods never come back.
    for (Map.Entry<DisruptionBudget, List<Pod>> e : blockedUnder.entrySet()) {
      DisruptionBudget b = e.getKey();
      blocks.add(block(b, e.getValue(), b.problem() != null ? "the budget cannot be computed: " + b.problem()
          : "disruptionsAllowed is 0 (" + b.currentHealthy() + " healthy, " + b.desiredHealthy()
              + " must stay): every eviction is refused with 429 and kubectl drain retries forever"));
    }
    for (Map.Entry<DisruptionBudget, List<Pod>> e : evictedUnder.entrySet()) {
      DisruptionBudget b = e.getKey();
      long healthyEvicted = e.getValue().stream().filter(PodFacts::isReady).count();
      long neverBack = e.getValue().stream().filter(p -> PodFacts.isReady(p) && unplaced.contains(p)).count();
      if (healthyEvicted > b.disruptionsAllowed() && neverBack >= b.disruptionsAllowed()) {
        blocks.add(block(b, e.getValue().stream().filter(p -> !unplaced.contains(p)).toList(),
            "allows " + b.disruptionsAllowed() + " eviction(s) but " + healthyEvicted + " of its healthy pods are on"
                + " the drained node(s), and " + neverBack + " cannot be rescheduled to give the budget back"));
      }
    }
    for (Pod pod : overlapping) {
      List<DisruptionBudget> covering = budgets.covering(pod);
      blocks.add(block(covering.get(0), List.of(pod), "the pod is covered by " + covering.size() + " PDBs ("
          + String.join(", ", covering.stream().map(b -> b.pdb().getMetadata().getName()).toList())
          + "): the eviction API refuses it outright"));
    }

    WhatIfResult.Etcd etcd = etcdLeft(lostNodes, lostMembers);
    Integer apiLeft = context.apiServers().leftWithoutNodes(lostNodes);

    List<WhatIfResult.WorkloadDown> down = new ArrayList<>();
    List<WhatIfResult.WorkloadDown> singleDown = new ArrayList<>();
    workloadsDown(leaving, budgets, unplaced, down, singleDown);

    // Losing every node leaves nothing to run on, whatever else the figures say.
    boolean noNodeLeft = !snapshot.nodes().isEmpty() && remaining.isEmpty();
    boolean survivable = LossVerdict.survivable(context, etcd.quorumKept(), apiLeft, RuleId.WORKLOAD_NODE_SPOF,
        down.size(), singleDown.size(), !stranded.isEmpty() || !blocks.isEmpty() || noNodeLeft);
    return new WhatIfResult(scenario.steps(), survivable, etcd, new WhatIfResult.ApiServers(apiLeft), down, singleDown,
        stranded, blocks, cannot);
  }

  /** Pods a drain leaves in place: DaemonSet pods (--ignore-daemonsets) and static pods (mirror pods). */
  private static boolean staysOnDrain(Pod pod, Workload w) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(PodOwnership.MIRROR_ANNOTATION)) {
      return true;
    }
    return w != null && w.object() instanceof DaemonSet
        || ClusterSnapshot.controllerOf(pod).map(r -> "DaemonSet".equals(r.getKind())).orElse(false);
  }

  /**
   * Whether the API server grants the first eviction of {@code pod}: the budget allows a disruption,
   * or the pod is not healthy and the budget lets unhealthy pods go (AlwaysAllow, or IfHealthyBudget
   * while the budget is met).
   */
  private static boolean evictable(Pod pod, DisruptionBudget b) {
    if (b.problem() == null && b.disruptionsAllowed() > 0) {
      return true;
    }
    if (PodFacts.isReady(pod)) {
      return false;
    }
    return b.alwaysEvictsUnhealthy() || b.problem() == null && b.currentHealthy() >= b.desiredHealthy();
  }

  private static WhatIfResult.DrainBlock block(DisruptionBudget b, List<Pod> pods, String reason) {
    return new WhatIfResult.DrainBlock("PodDisruptionBudget", b.pdb().getMetadata().getNamespace(),
        b.pdb().getMetadata().getName(), pods.stream().map(p -> p.getMetadata().getName()).sorted().toList(), reason);
  }

  private static WhatIfResult.Unplaceable unplaceable(Pod pod, String reason) {
    return new WhatIfResult.Unplaceable("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), reason);
  }

  /** The pod's claims bound to zonal volumes, as {claim, volume, zone}; their zones are added to {@code zones}. */
  List<String[]> zonalClaims(Pod pod, Set<String> zones) {
    List<String[]> claims = new ArrayList<>();
    if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
      return claims;
    }
    for (Volume v : pod.getSpec().getVolumes()) {
      if (v.getPersistentVolumeClaim() == null) {
        continue;
      }
      String ns = pod.getMetadata().getNamespace();
      String claimName = v.getPersistentVolumeClaim().getClaimName();
      PersistentVolumeClaim pvc = snapshot.persistentVolumeClaim(ns, claimName).orElse(null);
      String volumeName = pvc == null || pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
      PersistentVolume pv = snapshot.persistentVolume(volumeName).orElse(null);
      Set<String> pvZones = pv == null ? Set.of() : VolumeZones.zonesOf(pv);
      if (!pvZones.isEmpty()) {
        // Several claims in different zones: only nodes in all of them would do.
        if (zones.isEmpty()) {
          zones.addAll(pvZones);
        } else {
          zones.retainAll(pvZones);
        }
        claims.add(new String[] {ns + "/" + claimName, volumeName, String.join(",", pvZones)});
      }
    }
    return claims;
  }

  /**
   * The replacements placed must fit, in sum, in what the nodes left have free; those past the
   * point where a resource runs out cannot be rescheduled. Not judged when a node left does not
   * say its allocatable.
   */
  private static void judgeCapacity(List<Pod> placed, Map<Pod, Node> staying, List<Node> targets, Set<Pod> unplaced,
      List<WhatIfResult.Unplaceable> cannot) {
    Capacity free = Capacity.NONE;
    Set<String> targetNames = new HashSet<>();
    for (Node n : targets) {
      Capacity allocatable = Capacity.allocatableOf(n);
      if (allocatable == null) {
        return;
      }
      free = free.plus(allocatable);
      targetNames.add(n.getMetadata().getName());
    }
    for (Map.Entry<Pod, Node> e : staying.entrySet()) {
      if (targetNames.contains(e.getValue().getMetadata().getName())) {
        free = free.minus(Capacity.requestedBy(e.getKey()));
      }
    }
    Capacity needed = Capacity.NONE;
    for (Pod pod : placed) {
      needed = needed.plus(Capacity.requestedBy(pod));
      String scarce = needed.exceeding(free);
      if (scarce != null) {
        unplaced.add(pod);
        double available = "cpu".equals(scarce) ? free.cpu() : free.memory();
        cannot.add(unplaceable(pod, "not enough " + scarce + " left: the nodes left have "
            + Capacity.describe(scarce, Math.max(0, available)) + " free in sum, the pods to move request more"));
        needed = needed.minus(Capacity.requestedBy(pod));
      }
    }
  }

  private void workloadsDown(Map<Pod, Boolean> leaving, DisruptionBudgets budgets, Set<Pod> unplaced,
      List<WhatIfResult.WorkloadDown> down, List<WhatIfResult.WorkloadDown> singleDown) {
    for (Workload w : snapshot.workloads()) {
      Integer wanted = w.desiredReplicas();
      if (wanted == null || !ZoneLossSimulation.isSpreadWorkload(w, context.policy())) {
        continue;
      }
      List<Pod> ready = w.pods().stream().filter(PodFacts::isReady).toList();
      if (ready.isEmpty() || !ready.stream().allMatch(leaving::containsKey)) {
        continue;
      }
      boolean anyLost = ready.stream().anyMatch(leaving::get);
      boolean allLost = ready.stream().allMatch(leaving::get);
      // A drain alone: a budget that keeps a pod running makes kubectl wait for its replacements.
      boolean heldByBudget = !anyLost && ready.stream()
          .anyMatch(p -> budgets.covering(p).stream().anyMatch(b -> b.desiredHealthy() >= 1));
      if (heldByBudget) {
        continue;
      }
      long neverBack = ready.stream().filter(unplaced::contains).count();
      String reason = (allLost ? "every Ready pod ran on the lost node(s)"
          : anyLost ? "every Ready pod ran on the lost or drained node(s)"
          : "every Ready pod is on the drained node(s) and no PodDisruptionBudget keeps one running")
          + (neverBack > 0 ? "; " + neverBack + " cannot be rescheduled (see cannotReschedule)" : "");
      WhatIfResult.WorkloadDown entry = new WhatIfResult.WorkloadDown(
          w.ref().kind(), w.ref().namespace(), w.ref().name(), 0, wanted, reason);
      (wanted >= 2 ? down : singleDown).add(entry);
    }
  }

  private boolean isEtcdMember(String name) {
    EtcdView etcd = context.etcd();
    return etcd.memberPods().stream().anyMatch(p -> isNamed(p, name))
        || etcd.memberNodes().stream().anyMatch(n -> name.equals(n.getMetadata().getName()))
        || snapshot.etcdProbe().map(o -> o.members().stream().anyMatch(m -> name.equals(m.displayName())))
            .orElse(false);
  }

  /** An etcd Pod answers to its own name and to its node's (kubeadm names each member after its node). */
  private static boolean isNamed(Pod pod, String name) {
    return name.equals(pod.getMetadata().getName()) || name.equals(PodFacts.nodeName(pod));
  }

  /** The healthy members left and whether they keep quorum, by the quorum arithmetic of {@link EtcdView}. */
  WhatIfResult.Etcd etcdLeft(Set<String> lostNodes, Set<String> lostMembers) {
    EtcdView etcd = context.etcd();
    int majority = etcd.quorum().majority();
    if (!etcd.observable()) {
      return new WhatIfResult.Etcd(null, null, null);
    }
    if (etcd.source() == EtcdSource.DECLARED && !(lostNodes.isEmpty() && lostMembers.isEmpty())) {
      return new WhatIfResult.Etcd(null, majority, null); // a declared etcd's members are on no node haguard sees
    }
    Set<String> lostNames = new HashSet<>(lostMembers);
    int lostHealthy = 0;
    for (Pod pod : etcd.memberPods()) {
      boolean lost = lostNodes.contains(PodFacts.nodeName(pod)) || lostMembers.stream().anyMatch(n -> isNamed(pod, n));
      if (lost) {
        lostNames.add(pod.getMetadata().getName());
        lostNames.add(PodFacts.nodeName(pod));
        if (PodFacts.isReady(pod) || etcd.source() != EtcdSource.PODS) {
          lostHealthy++;
        }
      }
    }
    for (Node node : etcd.memberNodes()) {
      String nodeName = node.getMetadata().getName();
      if ((lostNodes.contains(nodeName) || lostMembers.contains(nodeName)) && EtcdView.isReady(node)) {
        lostHealthy++; // a k3s member is its node: healthy while the node is Ready
      }
    }
    if (etcd.source() == EtcdSource.PROBE) {
      // etcd's own answer: count the healthy voters lost; a member's Pod, already counted, is matched by name.
      lostHealthy = 0;
      for (EtcdObservation.Member m : snapshot.etcdProbe().get().voters()) {
        if (m.healthy() && lostNames.contains(m.displayName())) {
          lostHealthy++;
        }
      }
    }
    int left = Math.max(0, etcd.healthy() - lostHealthy);
    return new WhatIfResult.Etcd(left, majority, etcd.quorum().remainingTolerance(left) >= 0);
  }
}
