package dev.haguard.cli;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

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

  /** What 3 means, the same for every command. */
  static final String HAGUARD_FAILED = "an internal failure: a bug, out of memory, or the output could not be written";

  private ExitCodes() {}

  /**
   * Lists the shared codes in the --help of {@code command} and of every command under it, among the
   * command's own, in order: 2 and 3 can end any command, so none can leave them out. A command that
   * says more about 2 (what its bad input is) keeps its own line; 3 reads the same everywhere.
   */
  public static void document(CommandLine command) {
    CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    Map<String, String> codes = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
    codes.putAll(usage.exitCodeList());
    codes.putIfAbsent(Integer.toString(BAD_INPUT), "bad input or usage");
    codes.put(Integer.toString(INTERNAL), HAGUARD_FAILED);
    usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    command.getSubcommands().values().forEach(ExitCodes::document);
  }
}
