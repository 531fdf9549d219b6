package dev.haguard.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measured figure of {@code make bench}: its value, what it should be, and whether it is.
 *
 * @param name   a stable name, e.g. {@code analysis.100000.ms}
 * @param value  what was measured
 * @param unit   of {@code value}
 * @param target what it should be, for people (e.g. {@code < 250}); null for a figure given for information
 * @param met    whether the target is met; null when there is no target
 * @param note   what the figure means or how it was taken, briefly; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(String name, double value, String unit, String target, Boolean met, String note) {

  /** A figure with no target, reported for information. */
  public static Figure info(String name, double value, String unit, String note) {
    return new Figure(name, value, unit, null, null, note);
  }

  /** A figure that must stay below {@code limit}. */
  public static Figure below(String name, double value, String unit, double limit, String note) {
    return new Figure(name, value, unit, "< " + format(limit), value < limit, note);
  }

  /** A figure that may reach {@code limit} but not pass it. */
  public static Figure atMost(String name, double value, String unit, double limit, String note) {
    return new Figure(name, value, unit, "<= " + format(limit), value <= limit, note);
  }

  /** A figure that must be exactly {@code expected}. */
  public static Figure exactly(String name, double value, String unit, double expected, String note) {
    return new Figure(name, value, unit, "= " + format(expected), value == expected, note);
  }

  /** A value with at most two decimals and no trailing zeros. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf((long) value);
    }
    return String.format(java.util.Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2f", value);
  }
}
