package dev.haguard.input;

/**
 * Input that cannot be read: a missing file, a syntax error, a duplicate key, a document that is
 * not what the reader expects. Its message is one line naming the source and, where known, the
 * place in it.
 */
public class InputException extends Exception {
  private final String source;
  private final String location;
  private final String problem;

  /**
   * @param source   the file (or {@code <stdin>}, or the cluster's URL)
   * @param location where in it, e.g. {@code line 12, document 3, item 7}; null when unknown
   * @param problem  what is wrong, briefly
   */
  public InputException(String source, String location, String problem) {
    super(source + (location == null ? "" : ": " + location) + ": " + problem);
    this.source = source;
    this.location = location;
    this.problem = problem;
  }

  public String source() {
    return source;
  }

  public String location() {
    return location;
  }

  public String problem() {
    return problem;
  }
}
