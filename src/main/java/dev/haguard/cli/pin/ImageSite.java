package dev.haguard.cli.pin;

import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Where a container image is written in a manifest file: the characters to replace when pinning it.
 *
 * @param document the document's number in its file, from 1
 * @param image    the image as written (the scalar's value)
 * @param start    the first character of the value's text (after an anchor or tag, at an opening quote)
 * @param end      one past its last character (after a closing quote)
 * @param style    how the value is quoted, kept when it is rewritten
 * @param editable false for values pin cannot rewrite in place (block scalars, escapes, multi-line plain scalars)
 */
record ImageSite(int document, String image, int start, int end, ScalarStyle style, boolean editable) {
  /** The value written in this site's style. */
  String render(String value) {
    return switch (style) {
      case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
      case DOUBLE_QUOTED -> "\"" + value + "\"";
      default -> value;
    };
  }

  /** Whether {@link #render} can write {@code value} back the way it was read (no escapes, no block style). */
  static boolean canRender(String value, ScalarStyle style) {
    return switch (style) {
      case PLAIN, SINGLE_QUOTED -> true;
      case DOUBLE_QUOTED -> value.indexOf('"') < 0 && value.indexOf('\\') < 0;
      default -> false;
    };
  }
}
