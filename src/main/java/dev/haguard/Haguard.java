package dev.haguard;

import dev.haguard.cli.AuditCommand;
import dev.haguard.cli.DemoCommand;
import dev.haguard.cli.ExitCodes;
import dev.haguard.cli.OperatorCommand;
import dev.haguard.cli.PinCommand;
import dev.haguard.cli.WhatIfCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code operator | audit | pin | demo}. */
@Command(
    name = "haguard",
    mixinStandardHelpOptions = true,
    versionProvider = Haguard.Version.class,
    description = "Keeps a Kubernetes cluster's high-availability topology honest.",
    exitCodeList = "0:--help or --version",
    subcommands = {OperatorCommand.class, AuditCommand.class, PinCommand.class, DemoCommand.class,
        WhatIfCommand.class})
public final class Haguard {
  public static void main(String[] args) {
    CommandLine cl = commandLine();
    cl.setOut(StandardOutput.ofProcess());
    System.exit(cl.execute(args));
  }

  /**
   * The command line with haguard's exit codes: 2 for usage errors, 3 for unexpected failures and
   * for output that could not be written.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Haguard());
    ExitCodes.document(cl);
    cl.setExitCodeExceptionMapper(e -> ExitCodes.BAD_INPUT);
    // picocli hands Exceptions to the handler below but lets an Error (OutOfMemoryError) through.
    cl.setExecutionStrategy(parsed -> {
      int exit;
      try {
        exit = new CommandLine.RunLast().execute(parsed);
      } catch (Error e) {
        parsed.commandSpec().commandLine().getErr().println(internalFailure(e));
        parsed.commandSpec().commandLine().getErr().flush();
        return ExitCodes.INTERNAL;
      }
      return outputWritten(parsed) ? exit : ExitCodes.INTERNAL;
    });
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException) { // how demo reports a bad input file
        cmd.getErr().println("haguard: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      cmd.getErr().println(internalFailure(e));
      return ExitCodes.INTERNAL;
    });
    cl.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println(usageError(e));
      e.getCommandLine().getErr().flush();
      return ExitCodes.BAD_INPUT;
    });
    return cl;
  }

  /**
   * Whether everything the command (or its --help, or --version) printed reached its out: a
   * PrintWriter swallows write errors, so a full disk or a closed pipe would otherwise end in exit 0
   * with the output cut short. When not, one line on stderr says so.
   */
  private static boolean outputWritten(CommandLine.ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    CommandLine executed = commands.get(commands.size() - 1);
    PrintWriter out = executed.getOut();
    if (!out.checkError()) {
      return true;
    }
    String why = out instanceof StandardOutput stdout && stdout.failure() != null ? ": " + stdout.failure() : "";
    executed.getErr().println("haguard: cannot write the output" + why);
    executed.getErr().flush();
    return false;
  }

  /** One line for a usage error: what is wrong, and where the usage is, not the usage itself. */
  static String usageError(CommandLine.ParameterException e) {
    String message = e.getMessage().lines().findFirst().orElse("");
    return "haguard: " + message + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)";
  }

  /** One line for a failure of haguard itself; out of memory says what to do about it. */
  static String internalFailure(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "haguard: out of memory (" + e.getMessage() + "); give the JVM more with -Xmx, e.g. java -Xmx4g -jar haguard.jar";
    }
    String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    return "haguard: internal failure: " + e.getClass().getSimpleName() + message;
  }

  /** The Maven project version, written into version.properties when the build copies resources. */
  public static String version() throws IOException {
    Properties build = new Properties();
    try (InputStream in = Haguard.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IOException("version.properties is missing from haguard's classpath");
      }
      build.load(in);
    }
    return build.getProperty("version");
  }

  /** {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      return new String[] {"haguard " + version()};
    }
  }
}
