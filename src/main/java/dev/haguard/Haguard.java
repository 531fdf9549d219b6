package dev.haguard;

import dev.haguard.cli.AuditCommand;
import dev.haguard.cli.DemoCommand;
import dev.haguard.cli.OperatorCommand;
import dev.haguard.cli.PinCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code operator | audit | pin | demo}. */
@Command(
    name = "haguard",
    mixinStandardHelpOptions = true,
    versionProvider = Haguard.Version.class,
    description = "Keeps a Kubernetes cluster's high-availability topology honest.",
    subcommands = {OperatorCommand.class, AuditCommand.class, PinCommand.class, DemoCommand.class})
public final class Haguard {
  /** Exit code for bad input or usage. */
  public static final int EXIT_BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with haguard's exit codes: 2 for usage errors and unexpected failures. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Haguard());
    cl.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("haguard: " + e.getMessage());
      return EXIT_BAD_INPUT;
    });
    cl.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("haguard: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return EXIT_BAD_INPUT;
    });
    return cl;
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
