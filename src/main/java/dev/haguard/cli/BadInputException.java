package dev.haguard.cli;

/** Input a command cannot use; its message is the one line the user sees (exit code 2). */
public class BadInputException extends Exception {
  public BadInputException(String message) {
    super(message);
  }
}
