package dev.haguard.snapshot.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.Haguard;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.SyntheticCluster;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Prints how long reading a generated {@code kubectl get -o json} List takes, against a plain
 * Jackson tree parse of the same file in the same JVM. A figure, not a test:
 * {@code java -cp ... dev.haguard.snapshot.source.ReadFigures [pods] [file]}.
 */
public final class ReadFigures {
  private ReadFigures() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path file = Path.of(args.length > 1 ? args[1] : "target/bench/cluster-" + pods + ".json");
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      SyntheticCluster.withPods(pods).writeJsonList(file);
    }
    System.out.printf("file %s: %.1f MB%n", file, Files.size(file) / 1e6);
    ObjectMapper plain = new ObjectMapper();
    long[] tree = new long[5];
    long[] read = new long[5];
    long[] audit = new long[5];
    int objects = 0;
    for (int round = 0; round < tree.length; round++) {
      System.gc();
      long start = System.nanoTime();
      JsonNode node = plain.readTree(file.toFile());
      tree[round] = System.nanoTime() - start;
      objects = node.get("items").size();
      node = null;
      System.gc();
      start = System.nanoTime();
      ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
      SnapshotFiles.read(List.of(file.toString()), builder);
      ClusterSnapshot snapshot = SnapshotSources.build(builder, host -> List.of());
      read[round] = System.nanoTime() - start;
      int podCount = snapshot.pods().size();
      snapshot = null;
      System.gc();
      start = System.nanoTime();
      int exit = auditToNowhere(file);
      audit[round] = System.nanoTime() - start;
      System.out.printf("round %d: tree parse %d ms, snapshot read %d ms, audit -o json %d ms (exit %d; %d pods of %d "
          + "objects)%n", round, tree[round] / 1_000_000, read[round] / 1_000_000, audit[round] / 1_000_000, exit,
          podCount, objects);
    }
    long bestTree = java.util.Arrays.stream(tree).skip(1).min().orElseThrow();
    long bestRead = java.util.Arrays.stream(read).skip(1).min().orElseThrow();
    long bestAudit = java.util.Arrays.stream(audit).skip(1).min().orElseThrow();
    System.out.printf("best after warm-up: tree parse %d ms, snapshot read %d ms (%.2fx), audit -o json %d ms (%.2fx)%n",
        bestTree / 1_000_000, bestRead / 1_000_000, (double) bestRead / bestTree,
        bestAudit / 1_000_000, (double) bestAudit / bestTree);
  }

  /** The whole command in this JVM, its output thrown away. */
  private static int auditToNowhere(Path file) {
    CommandLine commandLine = Haguard.commandLine();
    commandLine.setOut(new PrintWriter(Writer.nullWriter()));
    return commandLine.execute("audit", "-f", file.toString(), "-o", "json", "--fail-on", "none");
  }
}
