package dev.haguard.input;

/** Where an object is in a stream: its document (1-based), its List item (1-based, 0 for none) and its first line. */
public record Place(int document, int item, int line) {
  /** {@code line L, document D[, item I]}, or null for no place. */
  public String describe() {
    if (document == 0) {
      return null;
    }
    return "line " + line + ", document " + document + (item > 0 ? ", item " + item : "");
  }
}
