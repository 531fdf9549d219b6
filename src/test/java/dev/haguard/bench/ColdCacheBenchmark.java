package dev.haguard.bench;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.SyntheticCluster;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The analysis of {@link AnalysisBenchmark}, but each call on the next of several snapshots of the
 * same size, {@value #PODS_CYCLED} pods in all (about 100 MB of objects, three times the 32 MiB L3):
 * each analysis starts with its snapshot out of the CPU caches, as a real one does (a reconcile at
 * most once a second, an audit once). Re-analysing one 1k-pod snapshot (5 MB) keeps it in the
 * caches, a 10k-pod one (36 MB) does not: growth measured that way is the caches', not the code's.
 */
@State(Scope.Benchmark)
public class ColdCacheBenchmark {
  static final int PODS_CYCLED = 30_000;

  @Param({"1000", "10000"})
  public int pods;

  private final Analyzer analyzer = Analyzer.standard(Clock.systemUTC());
  private final Policy policy = PolicyResolver.defaults();
  private ClusterSnapshot[] snapshots;
  private int next;

  @Setup
  public void generate() {
    snapshots = new ClusterSnapshot[snapshotsFor(pods)];
    for (int i = 0; i < snapshots.length; i++) {
      snapshots[i] = SyntheticCluster.withPods(pods).snapshot();
    }
  }

  /** How many snapshots of {@code pods} pods make {@value #PODS_CYCLED} pods (at least two). */
  static int snapshotsFor(int pods) {
    return Math.max(2, PODS_CYCLED / pods);
  }

  @Benchmark
  public ClusterPolicyStatus analyzeOneOfMany() {
    next = (next + 1) % snapshots.length;
    return StatusMapper.forCli().status(analyzer.analyze(snapshots[next], policy));
  }
}
