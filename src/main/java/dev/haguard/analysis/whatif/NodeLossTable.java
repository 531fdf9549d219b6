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
import java.util.HashSet;
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

  /** The names of the nodes a pod spec fits, anywhere and in its volumes' zones. */
  private record Fits(Set<String> anywhere, Set<String> inZones) {
    static Fits of(List<Node> fitting, Set<String> zones, Function<Node, String> zoneOf) {
      Set<String> anywhere = new HashSet<>();
      Set<String> inZones = new HashSet<>();
      for (Node n : fitting) {
        anywhere.add(n.getMetadata().getName());
        if (Placement.isIn(zones, zoneOf.apply(n))) {
          inZones.add(n.getMetadata().getName());
        }
      }
      return new Fits(anywhere, inZones);
    }

    /** How many of {@code nodes} are left once {@code lost} goes. */
    int withoutNode(Set<String> nodes, String lost) {
      return nodes.size() - (nodes.contains(lost) ? 1 : 0);
    }
  }

  /** Every node whose loss takes something down or is not survivable, riskiest first. */
  public static List<NodeLoss> risky(AnalysisContext context) {
    ClusterSnapshot snapshot = context.snapshot();
    WhatIfSimulator simulator = new WhatIfSimulator(context);
    Map<String, List<WorkloadDown>> downOn = new HashMap<>();
    Map<String, Integer> strandedOn = new HashMap<>();
    Map<List<Object>, Fits> fitsByKey = new HashMap<>();
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
        // The nodes it fits, with the lost one taken out by count: no copy of a 5,000-node list per pod.
        Fits fits = fitsByKey.computeIfAbsent(List.of(Placement.FitKey.of(pod.getSpec()), zones),
            k -> Fits.of(Placement.fitting(pod.getSpec(), snapshot.nodes()), zones, zoneOf));
        if (Placement.strands(zones, fits.withoutNode(fits.anywhere(), nodeName),
            fits.withoutNode(fits.inZones(), nodeName))) {
          strandedOn.merge(nodeName, claims, Integer::sum);
        }
      }
    }
    // etcd and the apiservers change only with the nodes their pods run on: the rest share one answer.
    Set<String> controlPlaneHosts = new HashSet<>();
    context.etcd().memberPods().forEach(p -> controlPlaneHosts.add(PodFacts.nodeName(p)));
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
