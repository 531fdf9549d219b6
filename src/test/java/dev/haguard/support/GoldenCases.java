package dev.haguard.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.HostResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden cases: every folder of src/test/resources/snapshots that holds an objects.yaml (or
 * objects.json), plus the demo's examples/demo-cluster.yaml. Each case's expected.yaml is what
 * {@code audit -o yaml --fail-on none} printed for it, without the times. Regenerate them on purpose
 * with {@code mvn -B -ntp -o test -Dtest=GoldenAuditTest -Dhaguard.updateGolden=true}, then read the diff.
 */
public final class GoldenCases {
  public static final String DEMO = "demo-cluster";
  private static final Path SNAPSHOTS = ProjectFiles.path("src/test/resources/snapshots");
  private static final boolean UPDATE = Boolean.getBoolean("haguard.updateGolden");

  /**
   * The names the cases' apiserver URLs use, answered as their DNS would, so no case depends on the
   * machine's resolver: api.dual.example has three AAAA records spelt three ways; the demo's name
   * has the three records of examples/hosts; IP literals are the JDK's; any other name fails as glibc says.
   */
  public static final HostResolver DNS = host -> switch (host) {
    case "api.dual.example" -> List.of("fd00:20:1:0:0:0:0:10", "fd00:20:1::11", "FD00:20:1:0::12");
    case "k8s-api.demo.haguard.example" -> List.of("10.0.1.10", "10.0.2.10", "10.0.3.10");
    default -> {
      if (host.contains(":") || host.matches("[0-9.]+")) {
        yield ApiEndpoints.JDK.resolve(host);
      }
      throw new UnknownHostException(host + ": Name or service not known");
    }
  };

  private GoldenCases() {}

  /** Every case's name, the demo's first. */
  public static Stream<String> names() {
    try (Stream<Path> dirs = Files.list(SNAPSHOTS)) {
      List<String> folders = dirs.filter(d -> Files.isRegularFile(d.resolve("objects.yaml"))
              || Files.isRegularFile(d.resolve("objects.json")))
          .map(d -> d.getFileName().toString()).sorted().toList();
      assertThat(folders).as("snapshot case folders").isNotEmpty();
      return Stream.concat(Stream.of(DEMO), folders.stream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects file of a case: the demo's is the example users run, the others live in their folder. */
  public static Path objects(String name) {
    if (name.equals(DEMO)) {
      return ProjectFiles.path("examples/demo-cluster.yaml");
    }
    Path yaml = SNAPSHOTS.resolve(name).resolve("objects.yaml");
    return Files.isRegularFile(yaml) ? yaml : SNAPSHOTS.resolve(name).resolve("objects.json");
  }

  public static Path expected(String name) {
    return SNAPSHOTS.resolve(name).resolve("expected.yaml");
  }

  /** The audit's status text with the times (which change on every run) taken out. */
  public static String withoutTimes(String yaml) {
    return yaml.replaceAll("(?m)^(\\s*-?\\s*(lastTransitionTime|lastAnalysisTime|time)): .*$", "$1: <time>");
  }

  /**
   * Compares the case's output with its expected.yaml; with -Dhaguard.updateGolden=true it writes
   * expected.yaml instead (and still compares, so the run shows what it wrote). A missing file fails.
   */
  public static void assertMatches(String name, String actual) {
    Path expected = expected(name);
    try {
      if (UPDATE) {
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, actual);
      }
      assertThat(expected).as("golden file of case " + name + " (generate it with -Dhaguard.updateGolden=true)")
          .isRegularFile();
      assertThat(actual).as("audit -o yaml of case " + name).isEqualTo(Files.readString(expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
