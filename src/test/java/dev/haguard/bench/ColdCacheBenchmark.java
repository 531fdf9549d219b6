package dev.haguard.bench;

import dev.haguard.analysis.Analyzer;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.SyntheticCluster;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The 1k-pod analysis of {@link AnalysisBenchmark}, but over {@value #CLUSTERS} different 1k-pod
 * snapshots in turn, so that their objects no longer fit in the CPU caches: what is left of the
 * difference to the 10k figure is the algorithm's, not the cache's.
 */
@State(Scope.Benchmark)
public class ColdCacheBenchmark {
  static final int CLUSTERS = 20;

  private final Analyzer analyzer = Analyzer.standard(Clock.systemUTC());
  private final Policy policy = PolicyResolver.defaults();
  private final ClusterSnapshot[] snapshots = new ClusterSnapshot[CLUSTERS];
  private int next;

  @Setup
  public void generate() {
    for (int i = 0; i < CLUSTERS; i++) {
      snapshots[i] = SyntheticCluster.withPods(1000).snapshot();
    }
  }

  @Benchmark
  public ClusterPolicyStatus analyzeOneOfMany() {
    next = (next + 1) % CLUSTERS;
    return analyzer.analyze(snapshots[next], policy);
  }
}
