package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.exc.StreamReadException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns Jackson's parse errors (JSON or YAML) into a location and a one-line problem. */
public final class ParseErrors {
  private ParseErrors() {}

  /** {@code line L, column C}, or null when the parser did not say. */
  public static String location(StreamReadException e) {
    return e.getLocation() == null ? null
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** The problem alone, on one line (SnakeYAML's own problem text for YAML, without its excerpt). */
  public static String problem(StreamReadException e) {
    return firstLine(e.getCause() instanceof MarkedYAMLException yaml ? yaml.getProblem() : e.getOriginalMessage());
  }

  /** The first line of {@code message}, stripped; a placeholder when there is none. */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    return message.strip().lines().findFirst().orElse(message);
  }
}
