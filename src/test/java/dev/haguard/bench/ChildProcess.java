package dev.haguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command in a fresh process and measures it from outside: wall time, and peak resident
 * memory (VmHWM, polled from /proc while it runs: the high-water mark only grows, so the last read
 * before exit holds the peak up to then).
 */
final class ChildProcess {
  /** What one run cost. */
  record Cost(double seconds, long peakRssBytes, int exitCode) {}

  private ChildProcess() {}

  static Cost run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    Path status = Path.of("/proc/" + process.pid() + "/status");
    long peak = 0;
    while (!process.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMark(status));
    }
    return new Cost((System.nanoTime() - start) / 1e9, peak, process.exitValue());
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
