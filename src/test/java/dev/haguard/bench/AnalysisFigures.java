package dev.haguard.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Figure 1: {@link AnalysisBenchmark} under JMH (one fork, short warm-up, average time per call,
 * allocation per call from JMH's GC profiler). Few iterations, so that the whole bench fits in its
 * time budget on two cores; the spread is reported with each score.
 */
final class AnalysisFigures {
  static final double TARGET_MS_AT_100K = 250;
  static final double MAX_GROWTH_PER_10X = 12;

  private AnalysisFigures() {}

  static List<Figure> measure() throws RunnerException {
    Options options = new OptionsBuilder()
        .include(AnalysisBenchmark.class.getName() + "\\.")
        .include(ColdCacheBenchmark.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(4).measurementTime(TimeValue.seconds(1))
        .mode(org.openjdk.jmh.annotations.Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend("-Xmx4g")
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, RunResult> byName = new TreeMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      byName.put(method + "/" + r.getParams().getParam("pods"), r);
    }
    List<Figure> figures = new ArrayList<>();
    for (String pods : List.of("1000", "10000", "100000")) {
      RunResult analyze = byName.get("analyze/" + pods);
      double ms = analyze.getPrimaryResult().getScore();
      String spread = "JMH avg of 4 x 1 s after 3 x 1 s warm-up, +-" + Figure.format(analyze.getPrimaryResult().getScoreError());
      figures.add(pods.equals("100000")
          ? Figure.below("analysis." + pods + ".ms", ms, "ms", TARGET_MS_AT_100K, spread)
          : Figure.info("analysis." + pods + ".ms", ms, "ms", spread));
      figures.add(Figure.info("analysis." + pods + ".alloc", allocation(analyze) / 1e6, "MB",
          "bytes allocated per analysis (JMH gc.alloc.rate.norm)"));
    }
    double t1k = byName.get("analyze/1000").getPrimaryResult().getScore();
    double t10k = byName.get("analyze/10000").getPrimaryResult().getScore();
    double t100k = byName.get("analyze/100000").getPrimaryResult().getScore();
    figures.add(Figure.atMost("analysis.growth.1k-10k", t10k / t1k, "x", MAX_GROWTH_PER_10X, "time at 10x the pods"));
    double cold1k = byName.get("analyzeOneOfMany/null").getPrimaryResult().getScore();
    figures.add(Figure.info("analysis.1000.cache-cold.ms", cold1k, "ms", "the 1k analysis over "
        + ColdCacheBenchmark.CLUSTERS + " different 1k snapshots in turn: objects no longer in the CPU caches"));
    figures.add(Figure.info("analysis.growth.1k-10k.cache-cold", t10k / cold1k, "x",
        "the 1k-10k growth without the cache effect: the algorithm's share"));
    figures.add(Figure.atMost("analysis.growth.10k-100k", t100k / t10k, "x", MAX_GROWTH_PER_10X, "time at 10x the pods"));
    for (String pods : List.of("1000", "10000", "100000")) {
      RunResult reconcile = byName.get("snapshotAndAnalyze/" + pods);
      figures.add(Figure.info("reconcile-compute." + pods + ".ms", reconcile.getPrimaryResult().getScore(), "ms",
          "index the objects into a snapshot, then analyse: the CPU of one operator reconcile"));
    }
    return figures;
  }

  private static double allocation(RunResult result) {
    return result.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
  }
}
