package dev.haguard.analysis.whatif;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.zones.LossVerdict;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What losing each node would do, for every node at once: the verdict {@code what-if --lose node/NAME}
 * gives (a differential test holds them equal on the snapshot cases), computed in one pass over the
 * workloads and their pods instead of one simulation per node. A workload goes down with the node
 * every Ready pod of it runs on; a pod's zonal volume strands when nodes it could run on are left but
 * none in the volume's zone; etcd and apiservers are counted as the simulator counts them.
 */
public final class NodeLossTable {
  /** Riskiest first: not survivable, then most spread workloads, 1-replica workloads and volumes taken, then by name. */
  public static final Comparator<NodeLoss> RISKIEST_FIRST = Comparator.comparing(NodeLoss::survivable)
      .thenComparing(NodeLoss::workloadsDown, Comparator.reverseOrder())
      .thenComparing(NodeLoss::singleReplicaDown, Comparator.reverseOrder())
      .thenComparing(NodeLoss::volumesStranded, Comparator.reverseOrder())
      .thenComparing(NodeLoss::node);

  private NodeLossTable() {}

  /** Every node whose loss takes something down or is not survivable, riskiest first. */
  public static List<NodeLoss> risky(AnalysisContext context) {
    ClusterSnapshot snapshot = context.snapshot();
    WhatIfSimulator simulator = new WhatIfSimulator(context);
    Map<String, List<WorkloadDown>> downOn = new HashMap<>();
    Map<String, Integer> strandedOn = new HashMap<>();
    Map<Placement.FitKey, List<Node>> fittingAnywhere = new HashMap<>();
    Function<Node, String> zoneOf = n -> context.zones().zoneOfNode(n.getMetadata().getName());
    for (Workload w : snapshot.workloads()) {
      Integer wanted = w.desiredReplicas();
      if (wanted != null && ZoneLossSimulation.isSpreadWorkload(w, context.policy())) {
        String node = ZoneLossSimulation.onlyDomainOfReadyPods(w.pods(), UnaryOperator.identity());
        if (node != null) {
          downOn.computeIfAbsent(node, k -> new ArrayList<>()).add(new WorkloadDown(w.ref().kind(),
              w.ref().namespace(), w.ref().name(), 0, wanted, ZoneLossSimulation.reasonOf(w)));
        }
      }
      if (w.object() instanceof DaemonSet || w.isBarePod()) {
        continue; // nothing moves a DaemonSet's pod; nothing recreates a bare one: no volume to strand
      }
      for (Pod pod : w.pods()) {
        String nodeName = PodFacts.nodeName(pod);
        if (nodeName == null || PodFacts.isFinished(pod) || pod.getSpec() == null) {
          continue;
        }
        Set<String> zones = new TreeSet<>();
        int claims = simulator.zonalClaims(pod, zones).size();
        if (claims == 0 || zones.isEmpty()) {
          continue;
        }
        List<Node> candidates = fittingAnywhere.computeIfAbsent(Placement.FitKey.of(pod.getSpec()),
                k -> Placement.fitting(pod.getSpec(), snapshot.nodes())).stream()
            .filter(n -> !nodeName.equals(n.getMetadata().getName())).toList();
        if (Placement.strands(candidates, zones, zoneOf)) {
          strandedOn.merge(nodeName, claims, Integer::sum);
        }
      }
    }
    List<NodeLoss> risky = new ArrayList<>();
    for (Node node : snapshot.nodes()) {
      String name = node.getMetadata().getName();
      Set<String> lost = Collections.singleton(name); // contains(null) is false, not an NPE as with Set.of
      Boolean quorumKept = simulator.etcdLeft(lost, Set.of()).quorumKept();
      int apiLeft = simulator.apiServersLeft(lost);
      List<WorkloadDown> down = downOn.getOrDefault(name, List.of());
      int notSpread = (int) down.stream().filter(d -> d.reason() == DownReason.NOT_SPREAD).count();
      int stranded = strandedOn.getOrDefault(name, 0);
      boolean survivable = LossVerdict.survivable(context, quorumKept, apiLeft, RuleId.WORKLOAD_NODE_SPOF,
          notSpread, down.size() - notSpread, stranded > 0);
      if (!survivable || !down.isEmpty() || stranded > 0) {
        risky.add(new NodeLoss(name, context.zones().zoneOfNode(name), quorumKept, apiLeft, notSpread,
            down.size() - notSpread, stranded, survivable, down.isEmpty() ? null : List.copyOf(down), null));
      }
    }
    risky.sort(RISKIEST_FIRST);
    return risky;
  }
}
