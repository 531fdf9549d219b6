package dev.haguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The what-if figures: {@link WhatIfBenchmark} under JMH (one fork, average time per call, the
 * median of the iterations as in {@link AnalysisFigures}).
 */
final class WhatIfFigures {
  static final double TARGET_MS_PER_SCENARIO = 1000;

  private WhatIfFigures() {}

  static List<Figure> measure() throws RunnerException {
    Options options = new OptionsBuilder()
        .include(WhatIfBenchmark.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(2))
        .measurementIterations(4).measurementTime(TimeValue.seconds(2))
        .mode(org.openjdk.jmh.annotations.Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
        .jvmArgsAppend("-Xmx4g")
        .verbosity(VerboseMode.SILENT)
        .build();
    List<Figure> figures = new ArrayList<>();
    for (RunResult r : new Runner(options).run()) {
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      double ms = r.getPrimaryResult().getStatistics().getPercentile(50);
      String spread = "JMH median of 4 x 2 s after 3 x 2 s warm-up (avg " + Figure.format(r.getPrimaryResult().getScore())
          + " +-" + Figure.format(r.getPrimaryResult().getScoreError()) + ")";
      figures.add(switch (method) {
        case "loseNode" -> Figure.below("what-if.lose-node." + WhatIfBenchmark.PODS + ".ms", ms, "ms",
            TARGET_MS_PER_SCENARIO, "--lose node/worker-7 on the built snapshot, views included; " + spread);
        case "loseZone" -> Figure.below("what-if.lose-zone." + WhatIfBenchmark.PODS + ".ms", ms, "ms",
            TARGET_MS_PER_SCENARIO, "--lose zone/eu-west-1a (a third of the pods to place); " + spread);
        default -> Figure.info("node-loss-table." + WhatIfBenchmark.NODES + "-nodes." + WhatIfBenchmark.PODS + ".ms",
            ms, "ms", "every node's loss in one pass, views included; " + spread);
      });
    }
    return figures;
  }
}
