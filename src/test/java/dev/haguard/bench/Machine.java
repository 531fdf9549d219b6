package dev.haguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmark ran on: cores, memory, load, JVM. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("memTotal", firstLine(Path.of("/proc/meminfo"), "MemTotal:"));
    machine.put("loadAverage", firstLine(Path.of("/proc/loadavg"), ""));
    machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  /** The first line of {@code file} that starts with {@code prefix}, without it; "?" when unreadable. */
  static String firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length()).trim()).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
