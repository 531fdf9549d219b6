package dev.haguard.input;

/**
 * Where an object is in a stream: its document (1-based), its List item and its first line. The
 * item is empty for a document's root, {@code 7} for the seventh item of a List, {@code 2.3} for the
 * third item of a List that is itself item 2 of a List.
 */
public record Place(int document, String item, int line) {
  /** No place: nothing read yet. */
  public static final Place NONE = new Place(0, "", 0);

  /** The root of document {@code document}, starting on {@code line}. */
  public static Place document(int document, int line) {
    return new Place(document, "", line);
  }

  /** Item {@code n} (1-based) of the List here, starting on {@code line}. */
  public Place item(int n, int line) {
    return new Place(document, item.isEmpty() ? Integer.toString(n) : item + "." + n, line);
  }

  /** Whether this is a document's root, not a List's item. */
  public boolean isDocument() {
    return item.isEmpty();
  }

  /** {@code line L, document D[, item I]}, or null for no place. */
  public String describe() {
    if (document == 0) {
      return null;
    }
    return "line " + line + ", document " + document + (item.isEmpty() ? "" : ", item " + item);
  }
}
