package dev.haguard.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code make bench}: measures the figures of docs/performance.md, prints them as a table on stdout
 * and writes target/bench/results.json. Arguments: the parts to run (default all):
 * {@code analysis what-if audit audit-yaml operator registry}. A benchmark, not a test: nothing here fails a build.
 */
public final class BenchMain {
  static final List<String> PARTS = List.of("analysis", "what-if", "audit", "audit-yaml", "operator", "registry");
  static final Path OUT = Path.of("target/bench");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Set<String> parts = new LinkedHashSet<>(args.length == 0 ? PARTS : List.of(args));
    if (!PARTS.containsAll(parts)) {
      System.err.println("usage: BenchMain [" + String.join("|", PARTS) + "]...");
      System.exit(2);
    }
    long start = System.nanoTime();
    Report report = new Report();
    if (parts.contains("analysis")) {
      report.addAll(AnalysisFigures.measure());
    }
    if (parts.contains("what-if")) {
      report.addAll(WhatIfFigures.measure());
    }
    if (parts.contains("audit")) {
      report.addAll(AuditFigures.measure(Path.of("target/haguard.jar"), OUT));
    }
    if (parts.contains("audit-yaml")) {
      report.addAll(AuditFigures.yamlAgainstJson(Path.of("target/haguard.jar"), OUT));
    }
    if (parts.contains("operator")) {
      report.addAll(dev.haguard.operator.OperatorFigures.measure());
    }
    if (parts.contains("registry")) {
      report.addAll(RegistryFigures.measure(OUT));
    }
    report.add(Figure.info("bench.duration", (System.nanoTime() - start) / 1e9, "s", "this run, parts " + parts));
    report.printTable(System.out);
    report.writeJson(OUT.resolve("results.json"));
    // Informer and HTTP client threads of the operator part are not all daemons.
    System.exit(0);
  }
}
