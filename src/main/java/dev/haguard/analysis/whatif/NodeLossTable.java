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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    StrandedVolumes strandedVolumes = context.strandedVolumes();
    for (Workload w : snapshot.workloads()) {
      Integer wanted = w.desiredReplicas();
      if (wanted != null && ZoneLossSimulation.isSpreadWorkload(w, context.policy())) {
        String node = ZoneLossSimulation.onlyDomainOfReadyPods(w.pods(), UnaryOperator.identity());
        if (node != null) {
          downOn.computeIfAbsent(node, k -> new ArrayList<>()).add(new WorkloadDown(w.ref().kind(),
              w.ref().namespace(), w.ref().name(), 0, wanted, ZoneLossSimulation.reasonOf(w)));
        }
      }
    }
    // etcd and the apiservers change only with the nodes their pods run on: the rest share one answer.
    Set<String> controlPlaneHosts = new HashSet<>();
    context.etcd().memberPods().forEach(p -> controlPlaneHosts.add(PodFacts.nodeName(p)));
    context.etcd().memberNodes().forEach(n -> controlPlaneHosts.add(n.getMetadata().getName()));
    controlPlaneHosts.addAll(context.apiServers().instanceNodes());
    Boolean quorumKeptElsewhere = simulator.etcdLeft(Collections.emptySet(), Set.of()).quorumKept();
    Integer apiLeftElsewhere = context.apiServers().leftWithoutNodes(Collections.emptySet());
    List<NodeLoss> risky = new ArrayList<>();
    for (Node node : snapshot.nodes()) {
      String name = node.getMetadata().getName();
      boolean hostsControlPlane = controlPlaneHosts.contains(name);
      // Collections' sets answer contains(null) (a pod with no node) with false; Set.of's throw.
      Set<String> lost = Collections.singleton(name);
      Boolean quorumKept = hostsControlPlane ? simulator.etcdLeft(lost, Set.of()).quorumKept() : quorumKeptElsewhere;
      Integer apiLeft = hostsControlPlane ? context.apiServers().leftWithoutNodes(lost) : apiLeftElsewhere;
      List<WorkloadDown> down = downOn.getOrDefault(name, List.of());
      int notSpread = (int) down.stream().filter(d -> d.reason() == DownReason.NOT_SPREAD).count();
      int stranded = strandedVolumes.losingNode(name);
      boolean onlyNode = snapshot.nodes().size() == 1;
      boolean survivable = LossVerdict.survivable(context, quorumKept, apiLeft, RuleId.WORKLOAD_NODE_SPOF,
          notSpread, down.size() - notSpread, stranded > 0 || onlyNode);
      if (!survivable || !down.isEmpty() || stranded > 0) {
        risky.add(new NodeLoss(name, context.zones().zoneOfNode(name), quorumKept, apiLeft, notSpread,
            down.size() - notSpread, stranded, survivable, down.isEmpty() ? null : List.copyOf(down), null));
      }
    }
    risky.sort(RISKIEST_FIRST);
    return risky;
  }
}
