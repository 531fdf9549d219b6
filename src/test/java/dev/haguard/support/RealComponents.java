package dev.haguard.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real programs the tests start (etcd, docker-registry, promtool, htpasswd, kubectl).
 * A missing program skips the test on a developer's machine, but fails it in CI ({@code CI=true}):
 * there a skip would hide a missing install step in {@code make test}.
 */
public final class RealComponents {
  private RealComponents() {}

  /** The absolute path of {@code command} on the PATH; skips (or in CI fails) when it is missing. */
  public static String require(String command) {
    Optional<String> path = find(command);
    requireThat(path.isPresent(), command + " is not installed; `make test` installs it (scripts/install-deps.sh)");
    return path.get();
  }

  /**
   * Goes on when {@code met}; otherwise skips the test on a developer's machine and fails it in CI
   * ({@code CI=true}), where a skip would hide a missing install step or a broken build set-up.
   */
  public static void requireThat(boolean met, String message) {
    if (met) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  static Optional<String> find(String command) {
    String pathEnv = System.getenv("PATH");
    if (pathEnv == null) {
      return Optional.empty();
    }
    for (String dir : pathEnv.split(File.pathSeparator)) {
      File candidate = new File(dir, command);
      if (candidate.isFile() && candidate.canExecute()) {
        return Optional.of(candidate.getAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
