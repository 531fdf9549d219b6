package dev.haguard.cli;

import dev.haguard.Haguard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of {@code haguard pin ...} through the real command line, with captured output. */
record PinRun(int exit, String out, String err) {

  static PinRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Haguard.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "pin";
    System.arraycopy(args, 0, full, 1, args.length);
    return new PinRun(commandLine.execute(full), out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
