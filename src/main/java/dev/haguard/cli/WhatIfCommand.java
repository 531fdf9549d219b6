package dev.haguard.cli;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.whatif.Scenario;
import dev.haguard.analysis.whatif.UnknownTargetException;
import dev.haguard.analysis.whatif.WhatIfResult;
import dev.haguard.analysis.whatif.WhatIfSimulator;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.snapshot.source.SnapshotInputException;
import dev.haguard.snapshot.source.SnapshotSources;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haguard what-if}: what losing or draining nodes, zones or etcd members would do, before it happens. */
@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = {
        "Simulates losing nodes, zones or etcd members, and draining nodes (honouring PodDisruptionBudgets), "
            + "on a snapshot: quorum, apiservers, workloads down, volumes stranded, drains blocked, pods left "
            + "without a node.",
        "Reads the files given with -f, or else the cluster of the current kubeconfig, as audit does."},
    exitCodeList = {
        "0:survivable",
        "1:not survivable",
        "2:bad input or usage (an unknown node, zone or member is named)"})
public final class WhatIfCommand implements Callable<Integer> {
  static final int EXIT_NOT_SURVIVABLE = 1;

  @Mixin private SnapshotSourceOptions source = new SnapshotSourceOptions();

  @Option(names = "--lose", paramLabel = "KIND/NAME",
      description = "node/NAME, zone/NAME or etcd-member/NAME to lose. Repeatable; combines with --drain.")
  private List<String> losses = new ArrayList<>();

  @Option(names = "--drain", paramLabel = "node/NAME",
      description = "A node to drain as kubectl drain --ignore-daemonsets --delete-emptydir-data --force would. "
          + "Repeatable.")
  private List<String> drains = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      converter = WhatIfOutput.Format.Converter.class,
      description = "table (for people), json or yaml (the documented shape). Default: ${DEFAULT-VALUE}.")
  private WhatIfOutput.Format output;

  @Spec private CommandSpec spec;

  private HostResolver resolver = ApiEndpoints.JDK;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Scenario scenario = scenario();
      Policy policy = source.policy();
      ClusterSnapshot.Builder objects = ClusterSnapshot.builder();
      source.read(objects, true, err, "what-if");
      ClusterSnapshot snapshot = SnapshotSources.build(objects, resolver);
      WhatIfResult result = WhatIfSimulator.simulate(new AnalysisContext(snapshot, policy), scenario);
      WhatIfOutput.write(result, output, out);
      return result.survivable() ? 0 : EXIT_NOT_SURVIVABLE;
    } catch (SnapshotInputException | BadInputException | UnknownTargetException e) {
      err.println("haguard what-if: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
  }

  private Scenario scenario() throws BadInputException {
    if (losses.isEmpty() && drains.isEmpty()) {
      throw new BadInputException("nothing to simulate: give --lose KIND/NAME or --drain node/NAME");
    }
    List<Scenario.Step> steps = new ArrayList<>();
    try {
      for (String target : losses) {
        steps.add(Scenario.step(Scenario.Action.LOSE, target));
      }
      for (String target : drains) {
        steps.add(Scenario.step(Scenario.Action.DRAIN, target));
      }
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return new Scenario(steps);
  }

  /** Test seam: resolve the apiserver endpoint's host with another resolver. */
  void useResolver(HostResolver testResolver) {
    this.resolver = testResolver;
  }
}
