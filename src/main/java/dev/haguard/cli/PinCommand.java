package dev.haguard.cli;

import dev.haguard.cli.pin.ImagePinner;
import dev.haguard.cli.pin.ManifestFile;
import dev.haguard.cli.pin.ManifestPaths;
import dev.haguard.cli.pin.PinInputException;
import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryClient;
import dev.haguard.registry.RegistryCredentials;
import dev.haguard.registry.RegistrySettings;
import dev.haguard.registry.RegistrySetupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haguard pin}: pins every container image of YAML manifests to its digest, changing nothing else. */
@Command(name = "pin", mixinStandardHelpOptions = true,
    description = {"Pins the container images of workload manifests to digests (name:tag@sha256:...).",
        "Prints the result, or rewrites the files with --in-place."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every image is pinned, or there was nothing to pin",
        "1:some image could not be pinned: named on stderr and left unchanged, the others are pinned",
        "2:bad input or usage: a missing file, invalid YAML, no Kubernetes object in the files, an unusable option, "
            + "a file that cannot be written"}) // 3, haguard itself failed, in the words of every command (ExitCodes)
public final class PinCommand implements Callable<Integer> {
  private static final int EXIT_UNRESOLVED = 1;

  @Spec
  private CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "PATH",
      description = "YAML manifest files or directories (multi-document files are fine).")
  private List<Path> paths = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST:PORT",
      description = "A registry host[:port], as image names write it, to reach over plain HTTP (loopback "
          + "registries always are).")
  private List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--docker-config", paramLabel = "FILE",
      description = "Registry credentials: a docker config.json or dockerconfigjson.")
  private Path dockerConfig;

  @Option(names = "--registry-ca-file", paramLabel = "FILE",
      description = "A PEM bundle of extra CAs to trust for registries with private certificates.")
  private Path caFile;

  @Option(names = "--in-place", description = "Rewrite the files instead of printing the result: atomically, "
      + "a symlink's target (the link stays), keeping permissions, and owner and group as root.")
  private boolean inPlace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImagePinner.Result result;
    for (String host : insecureRegistries) {
      if (!ImageReference.isRegistryHost(host)) {
        err.println("haguard pin: --insecure-registry '" + host + "': not a registry host[:port] as image names "
            + "write it, such as registry.local:5000");
        err.flush();
        return ExitCodes.BAD_INPUT;
      }
    }
    try {
      List<ManifestFile> files = ManifestPaths.read(paths);
      RegistryCredentials credentials = dockerConfig == null ? RegistryCredentials.none()
          : RegistryCredentials.fromFile(dockerConfig);
      RegistrySettings settings = RegistrySettings.builder()
          .insecureRegistries(Set.copyOf(insecureRegistries))
          .caBundle(caFile)
          .credentials(credentials)
          .readPlatforms(false)
          .build();
      try (RegistryClient registry = new RegistryClient(settings)) {
        result = ImagePinner.pin(files, registry);
      }
      if (inPlace) {
        for (var edit : result.edited().entrySet()) {
          ManifestPaths.rewrite(edit.getKey().path(), edit.getValue());
        }
      } else {
        print(out, files, result);
      }
    } catch (PinInputException | RegistrySetupException e) {
      err.println("haguard pin: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    result.unresolved().forEach(unresolved -> err.println("haguard pin: " + unresolved));
    err.flush();
    return result.unresolved().isEmpty() ? 0 : EXIT_UNRESOLVED;
  }

  /** Every file's text, pinned where it could be, as one YAML stream. */
  private static void print(PrintWriter out, List<ManifestFile> files, ImagePinner.Result result) {
    boolean first = true;
    for (ManifestFile file : files) {
      String text = result.edited().getOrDefault(file, file.text());
      if (!first) {
        out.print("---\n");
      }
      out.print(text);
      if (!text.isEmpty() && !text.endsWith("\n") && files.size() > 1) {
        out.print("\n");
      }
      first = false;
    }
    out.flush();
  }
}
