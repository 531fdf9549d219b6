package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.exc.StreamReadException;
import java.util.regex.Pattern;

/** Turns Jackson's JSON parse errors into a location and a one-line problem (YAML errors come from dev.haguard.input). */
public final class ParseErrors {
  static final int MAX_PROBLEM = 300;
  private static final Pattern WRAPPED_EXCEPTION = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  private ParseErrors() {}

  /** {@code line L, column C}, or null when the parser did not say. */
  public static String location(StreamReadException e) {
    return e.getLocation() == null ? null
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** The problem alone, on one line. */
  public static String problem(StreamReadException e) {
    return firstLine(e.getOriginalMessage());
  }

  /**
   * The first line of {@code message}, stripped, without the class name of a wrapped exception
   * (e.g. {@code java.io.CharConversionException: }) and cut to {@value #MAX_PROBLEM} characters,
   * since parsers quote the offending value and a value may be megabytes long; a placeholder when
   * there is none.
   */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse(message);
    line = WRAPPED_EXCEPTION.matcher(line).replaceFirst("");
    return line.length() <= MAX_PROBLEM ? line : line.substring(0, MAX_PROBLEM) + "...";
  }
}
