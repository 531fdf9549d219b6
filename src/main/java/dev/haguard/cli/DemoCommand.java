package dev.haguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.input.InputException;
import dev.haguard.input.YamlInput;
import dev.haguard.operator.Logging;
import dev.haguard.operator.OperatorSettings;
import dev.haguard.demo.DemoRun;
import dev.haguard.demo.DemoSummary;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.demo.HostsFile;
import dev.haguard.demo.SimulatedControllers;
import dev.haguard.demo.SimulatedRegistry;
import dev.haguard.report.openreports.ReportApi;
import dev.haguard.snapshot.source.ParseErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code haguard demo}: the operator without a cluster. An embedded API server is seeded with the
 * objects of a file (by default the example inside the jar) and a policy, the same operator as
 * {@code haguard operator} runs against it until the status has settled, and a summary is printed;
 * with {@code -o yaml} the policy instead, as {@code kubectl get -o yaml} would print it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the operator against an embedded API server seeded from a file, and prints a summary "
        + "(stdout), or with -o yaml the ClusterPolicy with its status (stdout) and the summary (stderr). Names "
        + "resolve from a `hosts` file next to the objects' file and registry digests are simulated: the demo "
        + "never asks DNS or a registry."},
    exitCodeList = {"0:the status settled", "1:the status had not settled within the timeout",
        "2:bad input or usage (a -f or --policy file that cannot be used, a --dump path that cannot be written)"})
public final class DemoCommand implements Callable<Integer> {
  static final String DEFAULT_POLICY = "default";
  /** The example cluster and its hosts file, inside the jar: the demo runs from any directory. */
  static final String EXAMPLE = "examples/demo-cluster.yaml";
  private static final String EXAMPLE_HOSTS = "examples/hosts";

  @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
      description = "Objects to seed, every kind: one YAML or JSON file, read as audit reads it, several documents "
          + "or a List (default: " + EXAMPLE + ", built into haguard).")
  Path file;

  /** The option's name before 0.1: kept so that scripts using it go on working. */
  @Option(names = "--file", hidden = true, paramLabel = "PATH")
  void deprecatedFile(Path path) {
    file = path;
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "yaml: print the ClusterPolicy with its status, as kubectl get -o yaml does, and the summary on "
          + "stderr.")
  String output;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A ClusterPolicy to seed as it is, valid or not (default: one named `default`, empty spec).")
  Path policyFile;

  @Option(names = "--mode", paramLabel = "MODE", description = "Audit or Enforce: overrides the policy's mode.")
  String mode;

  @Option(names = "--dump", paramLabel = "FILE", description = "Writes every object of the embedded cluster at "
      + "the end, as one List.")
  Path dump;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Give up waiting for the status to settle after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (mode != null && !mode.equals("Audit") && !mode.equals("Enforce")) {
      throw new ParameterException(spec.commandLine(), "--mode must be Audit or Enforce, not " + mode);
    }
    if (timeoutSeconds <= 0) {
      throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds");
    }
    if (output != null && !output.equals("yaml")) {
      throw new ParameterException(spec.commandLine(), "-o/--output must be yaml, not " + output);
    }
    if (dump != null) {
      checkDumpPath();
    }
    Logging.configure(Logging.Format.TEXT, true);
    if (file != null) {
      return run(file, file.toString());
    }
    Path example = Files.createTempDirectory("haguard-demo");
    try {
      Path objects = copyResource(EXAMPLE, example);
      copyResource(EXAMPLE_HOSTS, example);
      return run(objects, EXAMPLE);
    } finally {
      try (var files = Files.list(example)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(example);
    }
  }

  /** A --dump path that cannot be written is bad usage, said before the demo runs, not after. */
  private void checkDumpPath() {
    Path directory = dump.toAbsolutePath().getParent();
    String problem = Files.isDirectory(dump) ? "is a directory"
        : !Files.isDirectory(directory) ? "no such directory " + directory
        : Files.exists(dump) ? (Files.isWritable(dump) ? null : "cannot be written (permission denied)")
        : Files.isWritable(directory) ? null : "cannot be written in " + directory + " (permission denied)";
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), "--dump " + dump + ": " + problem);
    }
  }

  private static Path copyResource(String name, Path dir) throws IOException {
    Path target = dir.resolve(Path.of(name).getFileName().toString());
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from haguard's jar");
      }
      Files.copy(in, target);
    }
    return target;
  }

  /** The demo on the objects of {@code file}, named {@code shownAs} in messages. */
  private int run(Path file, String shownAs) throws IOException, InterruptedException {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      cluster.serveReportApi(ReportApi.OPENREPORTS);
      KubernetesSerialization serialization = cluster.client().getKubernetesSerialization();
      List<HasMetadata> objects = new ArrayList<>(readObjects(file, serialization));
      ClusterPolicy policy = policyFile != null ? readPolicy(serialization) : takePolicy(objects);
      if (mode != null) {
        ObjectNode spec = policy.getRawSpec() instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
        policy.setRawSpec(spec.put("mode", mode));
      }
      Path hosts = file.toAbsolutePath().resolveSibling("hosts");
      OperatorSettings settings = OperatorSettings.defaults().withoutHttp().withResolver(HostsFile.read(hosts));
      boolean enforce = policy.getRawSpec() != null && "Enforce".equals(policy.getRawSpec().path("mode").asText());
      if (enforce) {
        spec.commandLine().getErr().println("haguard demo: " + SimulatedControllers.NOTICE);
        spec.commandLine().getErr().println("haguard demo: " + SimulatedRegistry.NOTICE);
        spec.commandLine().getErr().flush();
      }
      DemoRun.Result result;
      try {
        result = DemoRun.run(cluster, objects, policy, settings, Duration.ofSeconds(timeoutSeconds), enforce);
      } catch (KubernetesClientException e) {
        throw new IllegalArgumentException(shownAs + ": an object cannot be created: "
            + ParseErrors.firstLine(e.getMessage()), e);
      }
      String summary = DemoSummary.of(result, objects.size(), shownAs);
      if (output == null) {
        spec.commandLine().getOut().print(summary);
      } else {
        spec.commandLine().getOut().print(PlainYaml.write(serialization.convertValue(result.policy(), JsonNode.class)));
        spec.commandLine().getErr().print(summary);
      }
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
      if (dump != null) {
        Files.writeString(dump, withoutDocumentStart(serialization.asYaml(cluster.dump())));
      }
      return result.settled() ? 0 : 1;
    }
  }

  private static List<HasMetadata> readObjects(Path file, KubernetesSerialization serialization) {
    try {
      return DemoObjects.read(file, serialization);
    } catch (InputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The file's policy, read leniently so that an invalid spec reaches the operator as it is. */
  private ClusterPolicy readPolicy(KubernetesSerialization serialization) {
    String text;
    try {
      text = Files.readString(policyFile);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(policyFile + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(policyFile + ": cannot be read: "
          + ParseErrors.firstLine(e.getMessage()), e);
    }
    JsonNode tree;
    try {
      List<JsonNode> documents = YamlInput.documents(text, policyFile.toString());
      tree = documents.isEmpty() ? null : documents.get(0);
    } catch (InputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (tree == null || !"ClusterPolicy".equals(tree.path("kind").asText())
        || tree.path("metadata").path("name").asText().isEmpty()) {
      throw new IllegalArgumentException(policyFile + ": not a ClusterPolicy with a metadata.name");
    }
    return serialization.convertValue(tree, ClusterPolicy.class);
  }

  /** The first ClusterPolicy among the objects (taken out of them), else a `default` one with an empty spec. */
  private static ClusterPolicy takePolicy(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if (o instanceof ClusterPolicy p) {
        objects.remove(o);
        return p;
      }
    }
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(DEFAULT_POLICY).build());
    policy.setRawSpec(JsonNodeFactory.instance.objectNode());
    return policy;
  }

  private static String withoutDocumentStart(String yaml) {
    return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
  }
}
