package dev.haguard.bench;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.SyntheticCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the pure core on generated clusters: the analysis of a built snapshot, and
 * what one operator reconcile computes (index the cached objects into a snapshot, then analyse).
 */
@State(Scope.Benchmark)
public class AnalysisBenchmark {
  @Param({"1000", "10000", "100000"})
  public int pods;

  private final Analyzer analyzer = Analyzer.standard(Clock.systemUTC());
  private final Policy policy = PolicyResolver.defaults();
  private List<HasMetadata> objects;
  private ClusterSnapshot snapshot;

  @Setup
  public void generate() {
    objects = new ArrayList<>();
    SyntheticCluster.withPods(pods).forEach(objects::add);
    snapshot = ClusterSnapshot.builder().addAll(objects).build();
  }

  @Benchmark
  public ClusterPolicyStatus analyze() {
    return StatusMapper.forCli().status(analyzer.analyze(snapshot, policy));
  }

  @Benchmark
  public ClusterPolicyStatus snapshotAndAnalyze() {
    return StatusMapper.forCli().status(analyzer.analyze(ClusterSnapshot.builder().addAll(objects).build(), policy));
  }
}
