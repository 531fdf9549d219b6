package dev.haguard.analysis.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotSources;
import dev.haguard.support.GoldenCases;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass node loss table against what-if run once per node: on every snapshot case, for every
 * node, the table's verdict and counts equal {@code what-if --lose node/NAME}'s, and a node the
 * table leaves out is one whose loss the simulator finds survivable and harmless.
 */
class NodeLossTableDifferentialTest {

  static Stream<String> cases() {
    return GoldenCases.names();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyNodeHasTheSimulatorsVerdict(String name) throws Exception {
    AnalysisResult result = analysed(name);
    ClusterSnapshot snapshot = result.context().snapshot();

    assertThat(snapshot.nodes()).as("case %s has nodes", name).isNotEmpty();
    assertEveryNodeAsSimulated(name, snapshot, result);
  }

  private static AnalysisResult analysed(String name) throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(GoldenCases.objects(name).toString()), builder);
    ClusterSnapshot snapshot = SnapshotSources.build(builder, GoldenCases.DNS);
    return Analyzer.standard(Clock.systemUTC()).analyze(snapshot, PolicyResolver.defaults());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyZoneHasTheSimulatorsVerdict(String name) throws Exception {
    AnalysisResult result = analysed(name);
    for (ZoneLoss row : result.zoneLosses()) {
      WhatIfResult simulated = WhatIfSimulator.simulate(result.context(),
          new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "zone/" + row.zone()))));
      assertThat(row.survivable()).as("%s: survivable without %s", name, row.zone()).isEqualTo(simulated.survivable());
      assertThat(row.etcdQuorumKept()).as("%s: quorum without %s", name, row.zone())
          .isEqualTo(simulated.etcd().quorumKept());
      assertThat(row.apiServersLeft()).as("%s: apiservers without %s", name, row.zone())
          .isEqualTo(simulated.apiServers().left());
      assertThat(row.volumesStranded()).as("%s: volumes stranded without %s", name, row.zone())
          .isEqualTo(simulated.volumesStranded().size());
      assertThat(row.workloadsDown()).as("%s: workloads down without %s", name, row.zone())
          .isEqualTo(simulated.workloadsDown().size());
    }
  }

  /** For every node of {@code snapshot}: the table row of {@code result} is what-if's --lose node/NAME. */
  static void assertEveryNodeAsSimulated(String name, ClusterSnapshot snapshot, AnalysisResult result) {
    Map<String, NodeLoss> table = result.nodeLosses().stream()
        .collect(Collectors.toMap(NodeLoss::node, Function.identity()));
    for (Node node : snapshot.nodes()) {
      String nodeName = node.getMetadata().getName();
      WhatIfResult simulated = WhatIfSimulator.simulate(result.context(),
          new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "node/" + nodeName))));
      NodeLoss row = table.get(nodeName);
      if (row == null) {
        assertThat(simulated.survivable()).as("%s: node %s left out of the table", name, nodeName).isTrue();
        assertThat(simulated.workloadsDown()).as("%s: %s", name, nodeName).isEmpty();
        assertThat(simulated.singleReplicaDown()).as("%s: %s", name, nodeName).isEmpty();
        assertThat(simulated.volumesStranded()).as("%s: %s", name, nodeName).isEmpty();
        continue;
      }
      assertThat(row.survivable()).as("%s: survivable without %s", name, nodeName).isEqualTo(simulated.survivable());
      assertThat(row.etcdQuorumKept()).as("%s: quorum without %s", name, nodeName)
          .isEqualTo(simulated.etcd().quorumKept());
      assertThat(row.apiServersLeft()).as("%s: apiservers without %s", name, nodeName)
          .isEqualTo(simulated.apiServers().left());
      assertThat(names(row, DownReason.NOT_SPREAD)).as("%s: workloads down without %s", name, nodeName)
          .isEqualTo(simulated.workloadsDown().stream().map(w -> w.kind() + "/" + w.namespace() + "/" + w.name())
              .toList());
      assertThat(names(row, DownReason.SINGLE_REPLICA)).as("%s: single replicas down without %s", name, nodeName)
          .isEqualTo(simulated.singleReplicaDown().stream().map(w -> w.kind() + "/" + w.namespace() + "/" + w.name())
              .toList());
      assertThat(row.volumesStranded()).as("%s: volumes stranded without %s", name, nodeName)
          .isEqualTo(simulated.volumesStranded().size());
    }
  }

  private static List<String> names(NodeLoss row, DownReason reason) {
    List<WorkloadDown> workloads = row.workloads() == null ? List.of() : row.workloads();
    List<String> found = workloads.stream().filter(w -> w.reason() == reason)
        .map(w -> w.kind() + "/" + w.namespace() + "/" + w.name()).toList();
    assertThat(reason == DownReason.NOT_SPREAD ? row.workloadsDown() : row.singleReplicaDown())
        .isEqualTo(found.size());
    return found;
  }
}
