package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.whatif.Scenario;
import dev.haguard.analysis.whatif.WhatIfResult;
import dev.haguard.analysis.whatif.WhatIfSimulator;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The what-if snapshots analyse (findings, node loss table) and simulate the same through the informer caches as whole. */
class CachedFormWhatIfTest {
  @ParameterizedTest(name = "{0}: {1} {2}")
  @CsvSource({
      "kubeadm, LOSE, node/node-b1",
      "kubeadm, DRAIN, node/node-a2",
      "drain-blocked-min-available, DRAIN, node/node-a1",
      "eks-pdbs, LOSE, zone/us-east-1b",
      "eks-pdbs, DRAIN, node/ip-10-0-10-20.ec2.internal"})
  void sameFindingsAndSameAnswerTrimmed(String snapshot, Scenario.Action action, String target) throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.readWhole(List.of(ProjectFiles.path("src/test/resources/snapshots/" + snapshot + "/objects.yaml")
        .toString()), (o, file, line) -> builder.add(o));
    ClusterSnapshot whole = builder.build();
    ClusterSnapshot.Builder trimmed = ClusterSnapshot.builder();
    CachedFormAnalysisTest.throughCaches(CachedFormAnalysisTest.objectsOf(whole)).forEach(trimmed::add);
    ClusterSnapshot cached = trimmed.build();

    Analyzer analyzer = Analyzer.standard(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    AnalysisResult fromCache = analyzer.analyze(cached, PolicyResolver.defaults());
    AnalysisResult fromWhole = analyzer.analyze(whole, PolicyResolver.defaults());
    assertThat(fromCache.findings()).isEqualTo(fromWhole.findings());
    assertThat(fromCache.nodeLosses()).isEqualTo(fromWhole.nodeLosses());
    Scenario scenario = new Scenario(List.of(Scenario.step(action, target)));
    assertThat(WhatIfSimulator.simulate(new AnalysisContext(cached, PolicyResolver.defaults()), scenario))
        .isEqualTo(WhatIfSimulator.simulate(new AnalysisContext(whole, PolicyResolver.defaults()), scenario));
  }

  /**
   * The simulator weighs requests against allocatable: with every node nearly full, a drained
   * node's pods fit nowhere, and the trimmed pods must still say what they request.
   */
  @Test
  void requestsAreKeptForTheCapacityCheck() throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.readWhole(List.of(ProjectFiles.path("src/test/resources/snapshots/kubeadm/objects.yaml").toString()),
        (o, file, line) -> builder.add(o instanceof Node n ? nearlyFull(n) : o));
    ClusterSnapshot whole = builder.build();
    ClusterSnapshot.Builder trimmed = ClusterSnapshot.builder();
    CachedFormAnalysisTest.throughCaches(CachedFormAnalysisTest.objectsOf(whole)).forEach(trimmed::add);
    Scenario drain = new Scenario(List.of(Scenario.step(Scenario.Action.DRAIN, "node/node-a2")));

    WhatIfResult expected = WhatIfSimulator.simulate(new AnalysisContext(whole, PolicyResolver.defaults()), drain);
    assertThat(expected.cannotReschedule()).anySatisfy(u -> assertThat(u.reason()).contains("not enough"));
    assertThat(WhatIfSimulator.simulate(new AnalysisContext(trimmed.build(), PolicyResolver.defaults()), drain))
        .isEqualTo(expected);
  }

  private static Node nearlyFull(Node n) {
    return new NodeBuilder(n).editOrNewStatus().withAllocatable(Map.of("cpu", new Quantity("1m"),
        "memory", new Quantity("1Ki"))).endStatus().build();
  }
}
