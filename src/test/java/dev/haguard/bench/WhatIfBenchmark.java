package dev.haguard.bench;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.whatif.NodeLossTable;
import dev.haguard.analysis.whatif.Scenario;
import dev.haguard.analysis.whatif.WhatIfResult;
import dev.haguard.analysis.whatif.WhatIfSimulator;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.SyntheticCluster;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of what-if at 100k pods, after reading (the snapshot built, as {@code haguard
 * what-if} has it once its input is read): one scenario, losing a node or a zone, each from a fresh
 * {@link AnalysisContext} as the command makes one; and the per-node loss table on 5,000 nodes.
 */
@State(Scope.Benchmark)
public class WhatIfBenchmark {
  static final int PODS = 100_000;
  static final int NODES = 5_000;

  private final Policy policy = PolicyResolver.defaults();
  private ClusterSnapshot snapshot;
  private ClusterSnapshot fiveThousandNodes;
  private Scenario loseNode;
  private Scenario loseZone;

  @Setup
  public void generate() {
    snapshot = SyntheticCluster.withPods(PODS).snapshot();
    fiveThousandNodes = SyntheticCluster.withPods(PODS).withWorkers(NODES).snapshot();
    loseNode = new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "node/worker-7")));
    loseZone = new Scenario(List.of(Scenario.step(Scenario.Action.LOSE, "zone/" + SyntheticCluster.ZONES.get(0))));
  }

  @Benchmark
  public WhatIfResult loseNode() {
    return WhatIfSimulator.simulate(new AnalysisContext(snapshot, policy), loseNode);
  }

  @Benchmark
  public WhatIfResult loseZone() {
    return WhatIfSimulator.simulate(new AnalysisContext(snapshot, policy), loseZone);
  }

  @Benchmark
  public List<NodeLoss> nodeLossTable() {
    return NodeLossTable.risky(new AnalysisContext(fiveThousandNodes, policy));
  }
}
