package dev.haguard.cli;

/**
 * The exit codes every command shares; each command's own "the answer is no" code (1) stays with it.
 * Here, on the command side, so that the commands and {@code Haguard} (which maps exceptions) both
 * read them without a loop between the entry point and its commands.
 */
public final class ExitCodes {
  /** Bad input or usage. */
  public static final int BAD_INPUT = 2;
  /** A failure of haguard itself (a bug, or out of memory): never 1, which means findings. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
