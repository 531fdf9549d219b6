package dev.haguard.bench;

import dev.haguard.snapshot.SyntheticCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2: {@code bin/haguard audit -f FILE -o json} (the command line the README gives: the jar
 * with the serial collector) on the 100k-pod cluster as one JSON List, each run in a fresh JVM,
 * against a fresh JVM with the JVM's defaults that only parses the same file into a Jackson tree.
 * Runs alternate, and the best of each is compared, so that a burst of load from elsewhere on the
 * machine does not decide the ratio. {@code java -jar} with the JVM's defaults is measured beside.
 */
final class AuditFigures {
  /** Issue 13: the JSON audit takes at most this multiple of a plain tree parse of the same file. */
  static final double MAX_RATIO = 2.0;
  /** Issue 13: the YAML run of the same objects takes at most this multiple of the JSON run. */
  static final double MAX_YAML_RATIO = 2.5;
  static final double MAX_RSS_GIB = 1.5;
  static final int ROUNDS = 3;
  /** The README's command line, which runs the jar with the JVM settings each command wants. */
  static final Path LAUNCHER = Path.of("bin/haguard");

  private AuditFigures() {}

  static List<Figure> measure(Path jar, Path dir) throws IOException, InterruptedException {
    List<Figure> figures = new ArrayList<>(compare(jar, generated(dir, 100_000), 100_000, "audit"));
    // The same on a 1k-pod file: what a fresh JVM pays before the size of the input matters.
    List<Figure> small = compare(jar, generated(dir, 1000), 1000, "audit.1000");
    small.stream().filter(f -> f.name().endsWith(".s"))
        .map(f -> Figure.info(f.name(), f.value(), f.unit(), f.note() + "; the fixed cost of a fresh JVM"))
        .forEach(figures::add);
    return figures;
  }

  /**
   * Figure 2b: the same 100k-pod cluster as a {@code kubectl get -o yaml} List and as JSON,
   * {@code bin/haguard audit -f} on each in a fresh JVM, alternating, plus the YAML run as {@code
   * java -jar} with the JVM's defaults (G1). Wall time and CPU time (user + system) both: on a
   * loaded machine only the CPU ratio compares the readers.
   */
  static List<Figure> yamlAgainstJson(Path jar, Path dir) throws IOException, InterruptedException {
    Path json = generated(dir, 100_000);
    Path yaml = dir.resolve("cluster-100000.yaml");
    if (!Files.exists(yaml)) {
      SyntheticCluster.withPods(100_000).writeYamlList(yaml);
    }
    List<ChildProcess.Cost> jsonRuns = new ArrayList<>();
    List<ChildProcess.Cost> yamlRuns = new ArrayList<>();
    List<ChildProcess.Cost> javaJarRuns = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      ChildProcess.Cost j = ChildProcess.run(auditCommand(json));
      ChildProcess.Cost y = ChildProcess.run(auditCommand(yaml));
      ChildProcess.Cost g = ChildProcess.run(javaJarAuditCommand(jar, yaml));
      if (j.exitCode() != 0 || y.exitCode() != 0 || g.exitCode() != 0) {
        throw new IllegalStateException("exit codes: audit JSON " + j.exitCode() + ", audit YAML " + y.exitCode()
            + ", java -jar audit YAML " + g.exitCode());
      }
      System.err.printf("bench: round %d (load %s): audit JSON %.2f s, %.2f s CPU (%d MiB); YAML %.2f s, %.2f s CPU"
              + " (%d MiB); YAML by java -jar %.2f s, %.2f s CPU (%d MiB)%n", round + 1,
          Machine.firstLine(Path.of("/proc/loadavg"), ""), j.seconds(), j.cpuSeconds(), j.peakRssBytes() >> 20,
          y.seconds(), y.cpuSeconds(), y.peakRssBytes() >> 20, g.seconds(), g.cpuSeconds(), g.peakRssBytes() >> 20);
      jsonRuns.add(j);
      yamlRuns.add(y);
      javaJarRuns.add(g);
    }
    String fresh = "best of " + ROUNDS + ", fresh JVM each";
    double jsonCpu = best(jsonRuns, ChildProcess.Cost::cpuSeconds);
    double yamlCpu = best(yamlRuns, ChildProcess.Cost::cpuSeconds);
    return List.of(
        Figure.info("audit.yaml.file.size", Files.size(yaml) / 1e6, "MB", "100000 pods, one block-style YAML List"),
        Figure.info("audit.yaml.json.s", best(jsonRuns, ChildProcess.Cost::seconds), "s", fresh + ", wall: audit -f FILE.json -o json"),
        Figure.info("audit.yaml.end-to-end.s", best(yamlRuns, ChildProcess.Cost::seconds), "s", fresh + ", wall: audit -f FILE.yaml -o json"),
        Figure.info("audit.yaml.json.cpu-s", jsonCpu, "s", fresh + ", user + system"),
        Figure.info("audit.yaml.cpu-s", yamlCpu, "s", fresh + ", user + system"),
        Figure.atMost("audit.yaml.ratio", best(yamlRuns, ChildProcess.Cost::seconds) / best(jsonRuns, ChildProcess.Cost::seconds),
            "x", MAX_YAML_RATIO, "YAML run over JSON run of the same objects, wall time"),
        Figure.atMost("audit.yaml.cpu-ratio", yamlCpu / jsonCpu, "x", MAX_YAML_RATIO,
            "YAML run over JSON run of the same objects, CPU time"),
        Figure.below("audit.yaml.peak-rss", highest(yamlRuns) / (double) (1L << 30), "GiB", MAX_RSS_GIB,
            "VmHWM of the YAML audit JVM, highest of the runs (bin/haguard)"),
        Figure.below("audit.yaml.json.peak-rss", highest(jsonRuns) / (double) (1L << 30), "GiB", MAX_RSS_GIB,
            "VmHWM of the JSON audit JVM, highest of the runs (bin/haguard)"),
        Figure.info("audit.yaml.java-jar.peak-rss", highest(javaJarRuns) / (double) (1L << 30), "GiB",
            "VmHWM of the YAML audit run as java -jar with the JVM's defaults (G1), highest of the runs"),
        Figure.info("audit.yaml.java-jar.s", best(javaJarRuns, ChildProcess.Cost::seconds), "s",
            fresh + ", wall, java -jar with the JVM's defaults"),
        Figure.info("audit.yaml.java-jar.cpu-s", best(javaJarRuns, ChildProcess.Cost::cpuSeconds), "s",
            fresh + ", user + system, java -jar with the JVM's defaults"));
  }

  private static double best(List<ChildProcess.Cost> runs, java.util.function.ToDoubleFunction<ChildProcess.Cost> figure) {
    return runs.stream().mapToDouble(figure).min().orElseThrow();
  }

  private static long highest(List<ChildProcess.Cost> runs) {
    return runs.stream().mapToLong(ChildProcess.Cost::peakRssBytes).max().orElseThrow();
  }

  /** The README's command line; the launcher execs the JVM, so the process measured is the JVM's. */
  private static List<String> auditCommand(Path file) {
    return List.of(LAUNCHER.toString(), "audit", "-f", file.toString(), "-o", "json", "--fail-on", "none");
  }

  private static List<String> javaJarAuditCommand(Path jar, Path file) {
    return List.of(ChildProcess.javaBinary(), "-jar", jar.toString(), "audit", "-f", file.toString(), "-o", "json",
        "--fail-on", "none");
  }

  private static Path generated(Path dir, int pods) throws IOException {
    Path file = dir.resolve("cluster-" + pods + ".json");
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      SyntheticCluster.withPods(pods).writeJsonList(file);
    }
    return file;
  }

  private static List<Figure> compare(Path jar, Path file, int pods, String prefix)
      throws IOException, InterruptedException {
    List<String> tree = ChildProcess.java(TreeParse.class, file.toString());
    List<String> audit = auditCommand(file);
    List<String> javaJar = javaJarAuditCommand(jar, file);
    ChildProcess.Cost bestTree = null;
    ChildProcess.Cost bestAudit = null;
    ChildProcess.Cost bestJavaJar = null;
    long peakRss = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ChildProcess.Cost t = ChildProcess.run(tree);
      ChildProcess.Cost a = ChildProcess.run(audit);
      ChildProcess.Cost g = ChildProcess.run(javaJar);
      if (t.exitCode() != 0 || a.exitCode() != 0 || g.exitCode() != 0) {
        throw new IllegalStateException("exit codes: tree parse " + t.exitCode() + ", audit " + a.exitCode()
            + ", java -jar audit " + g.exitCode());
      }
      System.err.printf("bench: round %d: tree parse %.2f s, audit %.2f s (peak RSS %d MiB), java -jar audit %.2f s"
          + " (peak RSS %d MiB)%n", round + 1, t.seconds(), a.seconds(), a.peakRssBytes() >> 20, g.seconds(),
          g.peakRssBytes() >> 20);
      bestTree = bestTree == null || t.seconds() < bestTree.seconds() ? t : bestTree;
      bestAudit = bestAudit == null || a.seconds() < bestAudit.seconds() ? a : bestAudit;
      bestJavaJar = bestJavaJar == null || g.seconds() < bestJavaJar.seconds() ? g : bestJavaJar;
      peakRss = Math.max(peakRss, a.peakRssBytes());
    }
    double megabytes = Files.size(file) / 1e6;
    String fresh = "best of " + ROUNDS + ", fresh JVM each, wall time";
    return List.of(
        Figure.info(prefix + ".file.size", megabytes, "MB", pods + " pods, one compact JSON List"),
        Figure.info(prefix + ".tree-parse.s", bestTree.seconds(), "s", fresh + ": Jackson readTree only"),
        Figure.info(prefix + ".end-to-end.s", bestAudit.seconds(), "s", fresh + ": bin/haguard audit -f FILE -o json"),
        Figure.atMost(prefix + ".ratio", bestAudit.seconds() / bestTree.seconds(), "x", MAX_RATIO,
            "end-to-end over tree parse"),
        Figure.info(prefix + ".java-jar.end-to-end.s", bestJavaJar.seconds(), "s",
            fresh + ": java -jar with the JVM's defaults, audit -f FILE -o json"),
        Figure.info(prefix + ".java-jar.ratio", bestJavaJar.seconds() / bestTree.seconds(), "x",
            "java -jar end-to-end over tree parse, both with the JVM's defaults"),
        Figure.below(prefix + ".peak-rss", peakRss / (double) (1L << 30), "GiB", MAX_RSS_GIB,
            "VmHWM of the audit JVM, highest of the runs (bin/haguard)"));
  }
}
