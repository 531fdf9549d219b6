package dev.haguard.cli;

import dev.haguard.Haguard;
import dev.haguard.analysis.Rule;
import dev.haguard.snapshot.HostResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of {@code haguard audit ...} through the real command line, with captured output. */
record AuditRun(int exit, String out, String err) {

  static AuditRun of(List<Rule> rules, HostResolver resolver, String... args) {
    CommandLine commandLine = Haguard.commandLine();
    AuditCommand audit = commandLine.getSubcommands().get("audit").getCommand();
    audit.useRules(rules);
    audit.useResolver(resolver);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "audit";
    System.arraycopy(args, 0, full, 1, args.length);
    int exit = commandLine.execute(full);
    return new AuditRun(exit, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
