package dev.haguard.cli.pin;

/** Input {@code pin} cannot use (a missing file, a YAML syntax error); the message names the file and line. */
public class PinInputException extends Exception {
  public PinInputException(String message) {
    super(message);
  }
}
