package dev.haguard.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.support.ProjectFiles;
import dev.haguard.support.RealComponents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization under config/ with the real {@code kubectl kustomize}, as {@code kubectl apply -k} would. */
final class Kustomize {
  private static final long TIMEOUT_SECONDS = 60;
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** The rendered objects, and the text they came from. */
  record Rendered(String yaml, List<HasMetadata> objects) {
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
      return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
      return find(type, name).orElseThrow(
          () -> new AssertionError("no " + type.getSimpleName() + " " + name + " in the rendered manifests"));
    }
  }

  private Kustomize() {}

  /** {@code kubectl kustomize config/<dir>}; fails without kubectl. */
  static Rendered render(String configDir) throws IOException, InterruptedException {
    return render(ProjectFiles.path(configDir), configDir);
  }

  /**
   * config/default with the opt-in components {@code configDirs} (e.g. "config/enforce"), rendered
   * from a kustomization written as docs/install.md tells a user to write one, outside the repository.
   */
  static Rendered renderDefaultWith(String... configDirs) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("haguard-install");
    try {
      // kustomize refuses absolute paths to other kustomizations: refer to config/ relatively, as a user's checkout would.
      StringBuilder kustomization = new StringBuilder("""
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          resources:
            - %s
          components:
          """.formatted(relative(dir, "config/default")));
      for (String configDir : configDirs) {
        kustomization.append("  - ").append(relative(dir, configDir)).append('\n');
      }
      Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
      return render(dir, "config/default + " + String.join(" + ", configDirs));
    } finally {
      Files.deleteIfExists(dir.resolve("kustomization.yaml"));
      Files.deleteIfExists(dir);
    }
  }

  private static String relative(Path from, String configDir) {
    return from.toAbsolutePath().relativize(ProjectFiles.path(configDir).toAbsolutePath()).toString();
  }

  private static Rendered render(Path dir, String configDir) throws IOException, InterruptedException {
    String kubectl = RealComponents.require("kubectl");
    Path stdout = Files.createTempFile("kustomize", ".yaml");
    Path stderr = Files.createTempFile("kustomize", ".err");
    try {
      // Both streams go to files, so that a hung kubectl cannot block the test past the timeout.
      Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      assertThat(exited).as("kubectl kustomize %s finished within %ds", configDir, TIMEOUT_SECONDS).isTrue();
      assertThat(process.exitValue())
          .as("kubectl kustomize %s failed: %s", configDir, Files.readString(stderr))
          .isZero();
      String yaml = Files.readString(stdout);
      return new Rendered(yaml, parse(yaml));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** Every document of a multi-document YAML stream, as typed fabric8 objects. */
  @SuppressWarnings("unchecked")
  static List<HasMetadata> parse(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    return parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
  }
}
