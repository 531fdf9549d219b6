package dev.haguard.report;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotInputException;
import dev.haguard.snapshot.source.SnapshotSources;
import dev.haguard.support.ProjectFiles;
import java.time.Clock;
import java.util.List;

/** The report input of examples/demo-cluster.yaml under the default policy, as {@code audit} builds it. */
public final class DemoInput {
  public static final String FILE = "examples/demo-cluster.yaml";

  private DemoInput() {}

  public static ReportInput read() {
    try {
      ClusterSnapshot.Builder objects = ClusterSnapshot.builder();
      SnapshotFiles.read(List.of(ProjectFiles.path(FILE).toString()), objects);
      ClusterSnapshot snapshot = SnapshotSources.build(objects, host -> List.of());
      Policy policy = PolicyResolver.defaults();
      AnalysisResult result = Analyzer.standard(Clock.systemUTC()).analyze(snapshot, policy);
      return ReportInput.of("default", result, StatusMapper.forCli().status(result));
    } catch (SnapshotInputException e) {
      throw new AssertionError(e);
    }
  }
}
