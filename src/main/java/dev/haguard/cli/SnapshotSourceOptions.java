package dev.haguard.cli;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.report.ObjectOrigins;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotInputException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where {@code audit} and {@code what-if} read a cluster from (files, else the live cluster) and which policy applies. */
final class SnapshotSourceOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
      description = "A file, a directory of *.yaml, *.yml and *.json files (recursively), or - for stdin (once). Repeatable.")
  private List<String> paths = new ArrayList<>();

  private ObjectOrigins origins = ObjectOrigins.UNKNOWN;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A ClusterPolicy (YAML or JSON) to apply instead of the defaults.")
  private Path policyFile;

  Policy policy() throws BadInputException {
    return policyFile == null ? PolicyResolver.defaults() : PolicyFile.read(policyFile);
  }

  /** The name reports give the policy: the --policy file's, else the name config/samples gives it. */
  String policyName() throws BadInputException {
    return policyFile == null ? AuditCommand.DEFAULT_POLICY_NAME : PolicyFile.name(policyFile);
  }

  /**
   * Where SARIF locates findings: the file and line each object was read at; for a finding on no
   * object read, the one file when only one was read. Known once the files are read.
   */
  ObjectOrigins origins() {
    return origins;
  }

  private String singleFileUri() {
    if (paths.size() == 1 && !paths.get(0).equals(SnapshotFiles.STDIN) && Files.isRegularFile(Path.of(paths.get(0)))) {
      return uriOf(Path.of(paths.get(0)));
    }
    return null;
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

  /**
   * Reads the files into {@code objects}, or without files the cluster of the current kubeconfig when
   * {@code liveClusterWanted}; says on {@code err} how many repeated objects were merged.
   */
  void read(ClusterSnapshot.Builder objects, boolean liveClusterWanted, PrintWriter err, String command)
      throws SnapshotInputException, BadInputException {
    if (paths.stream().filter(SnapshotFiles.STDIN::equals).count() > 1) {
      // The first -f - reads standard input to its end and closes it: the second could only fail.
      throw new ParameterException(this.command.commandLine(),
          "standard input is given twice (-f -): only one -f - is allowed");
    }
    if (!paths.isEmpty()) {
      readFiles(objects, err, command);
    } else if (liveClusterWanted) {
      readCurrentCluster(objects);
    }
  }

  private void readFiles(ClusterSnapshot.Builder objects, PrintWriter err, String command)
      throws SnapshotInputException {
    String single = singleFileUri();
    ObjectOrigins.Recorder recorder =
        ObjectOrigins.recorder(single == null ? ObjectOrigins.UNKNOWN : ObjectOrigins.singleFile(single));
    Map<Path, String> uris = new HashMap<>();
    SnapshotFiles.read(paths, objects, (object, file, line) -> {
      if (file != null) { // standard input has no file to point at
        recorder.record(ObjectRef.of(object), uris.computeIfAbsent(file, SnapshotSourceOptions::uriOf), line);
      }
    }).ifPresent(skipped -> err.println("haguard " + command + ": " + skipped));
    origins = recorder;
    if (objects.duplicatesMerged() > 0) {
      err.println("haguard " + command + ": " + objects.duplicatesMerged() + " repeated objects merged"
          + " (the same kind/namespace/name; the newer resourceVersion kept)");
    }
  }

  /** The cluster of the current kubeconfig, with paginated LISTs. */
  private static void readCurrentCluster(ClusterSnapshot.Builder objects) throws SnapshotInputException, BadInputException {
    // A command line should fail in seconds when the cluster is unreachable, not after fabric8's ten retries.
    Config config = new ConfigBuilder(CurrentKubeconfig.load()).withRequestRetryBackoffLimit(2).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      new LiveCluster(client, LiveCluster.DEFAULT_PAGE_SIZE).read(objects);
    } catch (KubernetesClientException e) {
      throw new BadInputException("cannot connect to the cluster of the current kubeconfig: " + e.getMessage());
    }
  }
}
