package dev.haguard.cli;

import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotInputException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code audit} and {@code what-if} read a cluster from (files, else the live cluster) and which policy applies. */
final class SnapshotSourceOptions {
  @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
      description = "A file, a directory of *.yaml, *.yml and *.json files (recursively), or - for stdin. Repeatable.")
  private List<String> paths = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A ClusterPolicy (YAML or JSON) to apply instead of the defaults.")
  private Path policyFile;

  Policy policy() throws BadInputException {
    return policyFile == null ? PolicyResolver.defaults() : PolicyFile.read(policyFile);
  }

  boolean hasFiles() {
    return !paths.isEmpty();
  }

  /** Reads the files into {@code objects}, saying on {@code err} how many repeated objects were merged. */
  void readFiles(ClusterSnapshot.Builder objects, PrintWriter err, String command) throws SnapshotInputException {
    SnapshotFiles.read(paths, objects);
    if (objects.duplicatesMerged() > 0) {
      err.println("haguard " + command + ": " + objects.duplicatesMerged() + " repeated objects merged"
          + " (the same uid, or kind/namespace/name; the newer resourceVersion kept)");
    }
  }

  /** The cluster of the current kubeconfig, with paginated LISTs. */
  static void readCurrentCluster(ClusterSnapshot.Builder objects) throws SnapshotInputException, BadInputException {
    // A command line should fail in seconds when the cluster is unreachable, not after fabric8's ten retries.
    Config config = new ConfigBuilder(CurrentKubeconfig.load()).withRequestRetryBackoffLimit(2).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      new LiveCluster(client, LiveCluster.DEFAULT_PAGE_SIZE).read(objects);
    } catch (KubernetesClientException e) {
      throw new BadInputException("cannot connect to the cluster of the current kubeconfig: " + e.getMessage());
    }
  }
}
