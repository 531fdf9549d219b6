package dev.haguard.bench;

import dev.haguard.snapshot.SyntheticCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2: {@code java -jar target/haguard.jar audit -f FILE -o json} on the 100k-pod cluster
 * as one JSON List, each run in a fresh JVM, against a fresh JVM that only parses the same file
 * into a Jackson tree. Runs alternate, and the best of each is compared, so that a burst of load
 * from elsewhere on the machine does not decide the ratio.
 */
final class AuditFigures {
  static final double MAX_RATIO = 2.5;
  /** Issue 13: the YAML run of the same objects takes at most this multiple of the JSON run. */
  static final double MAX_YAML_RATIO = 2.5;
  static final double MAX_RSS_GIB = 1.5;
  static final int ROUNDS = 3;

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
   * {@code audit -f} on each in a fresh JVM, alternating; the best of each compared.
   */
  static List<Figure> yamlAgainstJson(Path jar, Path dir) throws IOException, InterruptedException {
    Path json = generated(dir, 100_000);
    Path yaml = dir.resolve("cluster-100000.yaml");
    if (!Files.exists(yaml)) {
      SyntheticCluster.withPods(100_000).writeYamlList(yaml);
    }
    ChildProcess.Cost bestJson = null;
    ChildProcess.Cost bestYaml = null;
    long peakRss = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ChildProcess.Cost j = ChildProcess.run(auditCommand(jar, json));
      ChildProcess.Cost y = ChildProcess.run(auditCommand(jar, yaml));
      if (j.exitCode() != 0 || y.exitCode() != 0) {
        throw new IllegalStateException("exit codes: audit JSON " + j.exitCode() + ", audit YAML " + y.exitCode());
      }
      System.err.printf("bench: round %d: audit JSON %.2f s (%d MiB), YAML %.2f s (%d MiB)%n", round + 1,
          j.seconds(), j.peakRssBytes() >> 20, y.seconds(), y.peakRssBytes() >> 20);
      bestJson = bestJson == null || j.seconds() < bestJson.seconds() ? j : bestJson;
      bestYaml = bestYaml == null || y.seconds() < bestYaml.seconds() ? y : bestYaml;
      peakRss = Math.max(peakRss, y.peakRssBytes());
    }
    String fresh = "best of " + ROUNDS + ", fresh JVM each, wall time";
    return List.of(
        Figure.info("audit.yaml.file.size", Files.size(yaml) / 1e6, "MB", "100000 pods, one block-style YAML List"),
        Figure.info("audit.yaml.json.s", bestJson.seconds(), "s", fresh + ": audit -f FILE.json -o json"),
        Figure.info("audit.yaml.end-to-end.s", bestYaml.seconds(), "s", fresh + ": audit -f FILE.yaml -o json"),
        Figure.atMost("audit.yaml.ratio", bestYaml.seconds() / bestJson.seconds(), "x", MAX_YAML_RATIO,
            "YAML run over JSON run of the same objects"),
        Figure.below("audit.yaml.peak-rss", peakRss / (double) (1L << 30), "GiB", MAX_RSS_GIB,
            "VmHWM of the YAML audit JVM, highest of the runs (default heap settings)"));
  }

  private static List<String> auditCommand(Path jar, Path file) {
    return List.of(ChildProcess.javaBinary(), "-jar", jar.toString(), "audit", "-f", file.toString(),
        "-o", "json", "--fail-on", "none");
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
    List<String> audit = auditCommand(jar, file);
    ChildProcess.Cost bestTree = null;
    ChildProcess.Cost bestAudit = null;
    long peakRss = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ChildProcess.Cost t = ChildProcess.run(tree);
      ChildProcess.Cost a = ChildProcess.run(audit);
      if (t.exitCode() != 0 || a.exitCode() != 0) {
        throw new IllegalStateException("exit codes: tree parse " + t.exitCode() + ", audit " + a.exitCode());
      }
      System.err.printf("bench: round %d: tree parse %.2f s, audit %.2f s (peak RSS %d MiB)%n", round + 1,
          t.seconds(), a.seconds(), a.peakRssBytes() >> 20);
      bestTree = bestTree == null || t.seconds() < bestTree.seconds() ? t : bestTree;
      bestAudit = bestAudit == null || a.seconds() < bestAudit.seconds() ? a : bestAudit;
      peakRss = Math.max(peakRss, a.peakRssBytes());
    }
    double megabytes = Files.size(file) / 1e6;
    String fresh = "best of " + ROUNDS + ", fresh JVM each, wall time";
    return List.of(
        Figure.info(prefix + ".file.size", megabytes, "MB", pods + " pods, one compact JSON List"),
        Figure.info(prefix + ".tree-parse.s", bestTree.seconds(), "s", fresh + ": Jackson readTree only"),
        Figure.info(prefix + ".end-to-end.s", bestAudit.seconds(), "s", fresh + ": audit -f FILE -o json"),
        Figure.atMost(prefix + ".ratio", bestAudit.seconds() / bestTree.seconds(), "x", MAX_RATIO,
            "end-to-end over tree parse"),
        Figure.below(prefix + ".peak-rss", peakRss / (double) (1L << 30), "GiB", MAX_RSS_GIB,
            "VmHWM of the audit JVM, highest of the runs (default heap settings)"));
  }
}
