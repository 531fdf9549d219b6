package dev.haguard.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real programs the tests start. The programs are listed, with their Debian packages, in
 * {@code scripts/real-components.txt}, the list {@code scripts/install-deps.sh} installs from, so the
 * two cannot drift: asking for a program that is not listed fails.
 *
 * <p>A missing program fails the test, on a developer's machine as in CI. The one opt-out is
 * {@code HAGUARD_SKIP_REAL=1}: then the test is skipped, with a warning on stderr.
 */
public final class RealComponents {
  /** The list, relative to the project directory. */
  public static final String LIST = "scripts/real-components.txt";
  public static final String SKIP_VARIABLE = "HAGUARD_SKIP_REAL";

  private RealComponents() {}

  /** The absolute path of {@code command} on the PATH; fails (or skips on the opt-out) when it is missing. */
  public static String require(String command) {
    Map<String, String> listed = listed();
    if (!listed.containsKey(command)) {
      fail(command + " is not listed in " + LIST + "; add it there (with its Debian package) so that"
          + " `make test` installs it");
    }
    Optional<String> path = find(command);
    requireThat(path.isPresent(), command + " is not installed; `make test` installs it (scripts/install-deps.sh"
        + (listed.get(command).equals("-") ? ", which cannot: install it by hand" : ": Debian package "
        + listed.get(command)) + ")");
    return path.get();
  }

  /** Goes on when {@code met}; otherwise fails the test, or skips it loudly when {@code HAGUARD_SKIP_REAL=1}. */
  public static void requireThat(boolean met, String message) {
    if (met) {
      return;
    }
    if (skipRequested()) {
      System.err.println("WARNING: skipped because " + SKIP_VARIABLE + "=1: " + message);
      Assumptions.abort(SKIP_VARIABLE + "=1: " + message);
    }
    fail(message + " (" + SKIP_VARIABLE + "=1 skips this test instead)");
  }

  static boolean skipRequested() {
    return "1".equals(System.getenv(SKIP_VARIABLE));
  }

  /** Command to Debian package ("-" when it does not come from Debian), in the list's order. */
  static Map<String, String> listed() {
    try {
      Map<String, String> packages = new LinkedHashMap<>();
      for (String line : Files.readAllLines(ProjectFiles.path(LIST))) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 2) {
          fail(LIST + ": expected `command package`, got: " + line);
        }
        packages.put(fields[0], fields[1]);
      }
      return packages;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LIST, e);
    }
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
