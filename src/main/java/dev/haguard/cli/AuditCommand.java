package dev.haguard.cli;

import dev.haguard.Haguard;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.Rule;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.etcd.EtcdProbe;
import dev.haguard.etcd.EtcdProbeOptions;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.report.ObjectOrigins;
import dev.haguard.report.ReportInput;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotInputException;
import dev.haguard.snapshot.source.SnapshotSources;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:no finding at or above --fail-on",
        "1:a finding at or above --fail-on",
        "2:bad input or usage"})
public final class AuditCommand implements Callable<Integer> {
  static final int EXIT_FINDINGS = 1;
  /** The policy reports name when no --policy is given: the name config/samples gives the ClusterPolicy. */
  static final String DEFAULT_POLICY_NAME = "default";

  @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
      description = "A file, a directory of *.yaml, *.yml and *.json files (recursively), or - for stdin. Repeatable.")
  private List<String> paths = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A ClusterPolicy (YAML or JSON) to apply instead of the defaults.")
  private Path policyFile;

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
      Policy policy = policyFile == null ? PolicyResolver.defaults() : PolicyFile.read(policyFile);
      String policyName = policyFile == null ? DEFAULT_POLICY_NAME : PolicyFile.name(policyFile);
      ClusterSnapshot.Builder objects = ClusterSnapshot.builder();
      Optional<EtcdProbe> probe = etcd.probe();
      if (!paths.isEmpty()) {
        SnapshotFiles.read(paths, objects);
      } else if (probe.isEmpty()) {
        readCurrentCluster(objects);
      }
      // With --etcd-endpoints alone (no -f), etcd is all there is to report: no cluster is read.
      probe.map(EtcdProbe::probe).ifPresent(objects::etcdProbe);
      ClusterSnapshot snapshot = SnapshotSources.build(objects, resolver);
      ClusterPolicyStatus status = new Analyzer(rules, Clock.systemUTC()).analyze(snapshot, policy);
      output.write(status, () -> ReportInput.of(policyName, snapshot, policy, status), origins(), out, useColour());
      return failOn.isMetBy(status.summary()) ? EXIT_FINDINGS : 0;
    } catch (SnapshotInputException | BadInputException e) {
      err.println("haguard audit: " + e.getMessage());
      err.flush();
      return Haguard.EXIT_BAD_INPUT;
    }
  }

  /** Where SARIF locates findings: the one file read, when only one was; otherwise no file. */
  private ObjectOrigins origins() {
    if (paths.size() == 1 && !paths.get(0).equals(SnapshotFiles.STDIN) && Files.isRegularFile(Path.of(paths.get(0)))) {
      return ObjectOrigins.singleFile(uriOf(Path.of(paths.get(0))));
    }
    return ObjectOrigins.UNKNOWN;
  }

  /**
   * A file as SARIF wants it: a URI relative to the working directory (where code scanning runs,
   * the repository's root) when the file lies below it, else an absolute file URI.
   */
  static String uriOf(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path workingDirectory = Path.of("").toAbsolutePath();
    if (!absolute.startsWith(workingDirectory)) {
      return absolute.toUri().toString();
    }
    String relative = workingDirectory.relativize(absolute).toString().replace(File.separatorChar, '/');
    try {
      return new URI(null, null, relative, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("a relative path is a URI path: " + relative, e);
    }
  }

  private static void readCurrentCluster(ClusterSnapshot.Builder objects)
      throws SnapshotInputException, BadInputException {
    // A command line should fail in seconds when the cluster is unreachable, not after fabric8's ten retries.
    Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestRetryBackoffLimit(2).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      new LiveCluster(client, LiveCluster.DEFAULT_PAGE_SIZE).read(objects);
    } catch (KubernetesClientException e) {
      throw new BadInputException("cannot connect to the cluster of the current kubeconfig: " + e.getMessage());
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
