package dev.haguard.cli;

import dev.haguard.Haguard;
import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.Rule;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.etcd.EtcdProbe;
import dev.haguard.policy.Policy;
import dev.haguard.report.ReportInput;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.snapshot.source.SnapshotInputException;
import dev.haguard.snapshot.source.SnapshotSources;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haguard audit}: the analysis of a cluster, read from files or live, printed for people or machines. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
        "Analyses a cluster's high-availability topology: etcd quorum, apiservers, zones, volumes, images, bare pods.",
        "Reads the files given with -f (what `kubectl get ... -o yaml|json` prints), or else the cluster of the "
            + "current kubeconfig with paginated LISTs."},
    exitCodeList = {
        "0:no finding at or above --fail-on",
        "1:a finding at or above --fail-on",
        "2:bad input or usage (no Kubernetes object haguard reads in the files included)"})
public final class AuditCommand implements Callable<Integer> {
  static final int EXIT_FINDINGS = 1;
  /** The policy reports name when no --policy is given: the name config/samples gives the ClusterPolicy. */
  static final String DEFAULT_POLICY_NAME = "default";

  @Mixin private SnapshotSourceOptions source = new SnapshotSourceOptions();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table (for people), json or yaml (the ClusterPolicy status shape), sarif (SARIF 2.1.0), "
          + "openreports (a List of openreports.io Reports for kubectl apply) or html (one self-contained page). "
          + "Default: ${DEFAULT-VALUE}.")
  private OutputFormat output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "critical", converter = FailOn.Converter.class,
      description = "Exit 1 when a finding is at or above: critical, warning, info or none. Default: ${DEFAULT-VALUE}.")
  private FailOn failOn;

  @Mixin private EtcdProbeOptions etcd = new EtcdProbeOptions();

  @Spec private CommandSpec spec;

  private List<Rule> rules = RuleCatalogue.all();
  private HostResolver resolver = ApiEndpoints.JDK;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Policy policy = source.policy();
      String policyName = source.policyName();
      ClusterSnapshot.Builder objects = ClusterSnapshot.builder();
      Optional<EtcdProbe> probe = etcd.probe();
      // With --etcd-endpoints alone (no -f), etcd is all there is to report: no cluster is read.
      source.read(objects, probe.isEmpty(), err, "audit");
      probe.map(EtcdProbe::probe).ifPresent(objects::etcdProbe);
      ClusterSnapshot snapshot = SnapshotSources.build(objects, resolver);
      AnalysisResult result = new Analyzer(rules, Clock.systemUTC()).analyze(snapshot, policy);
      ClusterPolicyStatus status = StatusMapper.forCli().status(result);
      output.write(status, () -> ReportInput.of(policyName, result, status), source.origins(), out, useColour());
      return failOn.isMetBy(status.summary()) ? EXIT_FINDINGS : 0;
    } catch (SnapshotInputException | BadInputException e) {
      err.println("haguard audit: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
  }

  /** ANSI colour on a terminal only, and never when NO_COLOR is set (https://no-color.org). */
  private static boolean useColour() {
    String noColour = System.getenv("NO_COLOR");
    return System.console() != null && (noColour == null || noColour.isEmpty());
  }

  /** Test seam: the rules to run instead of the catalogue's. */
  void useRules(List<Rule> testRules) {
    this.rules = List.copyOf(testRules);
  }

  /** Test seam: resolve the apiserver endpoint's host with another resolver. */
  void useResolver(HostResolver testResolver) {
    this.resolver = testResolver;
  }
}
