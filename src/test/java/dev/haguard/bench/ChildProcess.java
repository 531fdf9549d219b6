package dev.haguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command in a fresh process and measures it from outside: wall time, CPU time (user + system,
 * from /proc/PID/stat: on a loaded machine wall time measures the other jobs too), and peak resident
 * memory (VmHWM). Both are polled from /proc while it runs; they only grow, so the last read before
 * exit holds the value up to then (CPU time misses at most the last poll interval).
 */
final class ChildProcess {
  /** What one run cost. */
  record Cost(double seconds, double cpuSeconds, long peakRssBytes, int exitCode) {}

  /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ: 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100;

  private ChildProcess() {}

  static Cost run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    Path status = Path.of("/proc/" + process.pid() + "/status");
    Path stat = Path.of("/proc/" + process.pid() + "/stat");
    long peak = 0;
    long ticks = 0;
    while (!process.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMark(status));
      ticks = Math.max(ticks, cpuTicks(stat));
    }
    return new Cost((System.nanoTime() - start) / 1e9, ticks / TICKS_PER_SECOND, peak, process.exitValue());
  }

  /** {@code java} with this JVM's test classpath, running {@code mainClass}. */
  static List<String> java(Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
        mainClass.getName()));
    command.addAll(List.of(args));
    return command;
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** utime + stime: fields 14 and 15, counted after the command name, which may hold spaces. */
  private static long cpuTicks(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0; // the process exited between two polls
    }
  }

  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process exited between two polls
    }
    return 0;
  }
}
