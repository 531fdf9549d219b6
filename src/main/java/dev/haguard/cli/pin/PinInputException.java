package dev.haguard.cli.pin;

/**
 * Input {@code pin} cannot use (a missing file, a YAML syntax error), or a file it cannot rewrite; the
 * message names the file.
 */
public class PinInputException extends Exception {
  public PinInputException(String message) {
    super(message);
  }
}
