package dev.haguard.report;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.notReady;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.report.ReportInput.WorkloadSpread;
import dev.haguard.report.ReportInput.Zone;
import dev.haguard.report.ReportInput.ZoneNode;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportInputTest {
  private static ReportInput of(List<HasMetadata> objects) {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    Policy policy = PolicyResolver.defaults();
    AnalysisResult result = Analyzer.standard(Clock.systemUTC()).analyze(snapshot, policy);
    return ReportInput.of("p", result, StatusMapper.forCli().status(result));
  }

  @Test
  void theDemosZonesHoldWhatTheExampleFilePutsInThem() {
    ReportInput demo = DemoInput.read();

    Zone a = demo.zones().get(0);
    assertThat(a.name()).isEqualTo("eu-west-1a");
    assertThat(a.nodes()).containsExactly(
        new ZoneNode("cp-1", true), new ZoneNode("worker-a1", false), new ZoneNode("worker-a2", false));
    assertThat(a.etcdMembers()).containsExactly("etcd-cp-1", "etcd-worker-a1");
    assertThat(a.apiServers()).containsExactly("kube-apiserver-cp-1");
    assertThat(demo.workloads()).filteredOn(w -> w.workload().name().equals("frontend")).singleElement()
        .extracting(WorkloadSpread::readyPerZone).isEqualTo(Map.of("eu-west-1a", 2));
    assertThat(demo.losses()).hasSize(3);
    assertThat(demo.findings()).isNotEmpty().allMatch(f -> f.facts().containsKey(ReportInput.FACT_CONDITION));
  }

  @Test
  void unzonedNodesAndWhatRunsOnThemFormALastColumn() {
    Deployment web = deployment("shop", "web", 3, "nginx:1.27");
    ReplicaSet rs = replicaSetOf(web);
    ReportInput input = of(List.of(
        controlPlaneNode("cp", "b"), node("w-a", "a"), node("bare-metal", null),
        etcdPod("cp"), apiServerPod("cp", "10.0.0.1"),
        web, rs, podOf(rs, 0, "w-a"), podOf(rs, 1, "bare-metal"), notReady(podOf(rs, 2, "cp"))));

    assertThat(input.zones()).extracting(Zone::name).containsExactly("a", "b", ReportInput.NO_ZONE);
    assertThat(input.zones().get(1).etcdMembers()).hasSize(1);
    assertThat(input.zones().get(1).apiServers()).hasSize(1);
    assertThat(input.zones().get(2).nodes()).containsExactly(new ZoneNode("bare-metal", false));
    assertThat(input.workloads()).singleElement().satisfies(w -> {
      assertThat(w.desiredReplicas()).isEqualTo(3);
      // The pod that is not Ready counts nowhere.
      assertThat(w.readyPerZone()).isEqualTo(Map.of("a", 1, ReportInput.NO_ZONE, 1));
    });
  }
}
