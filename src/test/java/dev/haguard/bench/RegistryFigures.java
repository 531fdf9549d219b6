package dev.haguard.bench;

import dev.haguard.cli.pin.ImagePinner;
import dev.haguard.cli.pin.ManifestFile;
import dev.haguard.registry.LocalRegistry;
import dev.haguard.registry.RegistryClient;
import dev.haguard.registry.RegistryRequests.Kind;
import dev.haguard.registry.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 4: registry economy with a real registry ({@code docker-registry} on loopback), through
 * the code path of {@code haguard pin} ({@link ImagePinner} on a {@link RegistryClient}, the
 * client the remediation's digest lookups use too): {@value #WORKLOADS} Deployments over
 * {@value #TAGS} unique tags, Deployments already pinned by digest, and a second pass within the
 * cache TTL. Requests are counted by the client, per kind.
 */
final class RegistryFigures {
  static final int WORKLOADS = 1000;
  static final int TAGS = 100;
  static final int PINNED = 200;

  private RegistryFigures() {}

  static List<Figure> measure(Path out) throws Exception {
    Path dir = Files.createTempDirectory(out.toAbsolutePath(), "registry-");
    try (LocalRegistry registry = LocalRegistry.start(dir)) {
      List<String> digests = new ArrayList<>();
      for (int t = 0; t < TAGS; t++) {
        digests.add(registry.images().pushImage("bench/app-" + t, "1." + t, "amd64"));
      }
      List<ManifestFile> tagged = List.of(write(dir.resolve("tagged.yaml"), WORKLOADS,
          i -> registry.host() + "/bench/app-" + (i % TAGS) + ":1." + (i % TAGS)));
      List<ManifestFile> pinned = List.of(write(dir.resolve("pinned.yaml"), PINNED,
          i -> registry.host() + "/bench/app-" + (i % TAGS) + ":1." + (i % TAGS) + "@" + digests.get(i % TAGS)));
      RegistrySettings settings = RegistrySettings.builder().build();
      try (RegistryClient client = new RegistryClient(settings)) {
        long start = System.nanoTime();
        ImagePinner.Result first = ImagePinner.pin(tagged, client);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        long firstManifests = client.requests().total(Kind.MANIFEST);
        ImagePinner.pin(pinned, client);
        long pinnedManifests = client.requests().total(Kind.MANIFEST) - firstManifests;
        start = System.nanoTime();
        ImagePinner.Result second = ImagePinner.pin(tagged, client);
        double secondSeconds = (System.nanoTime() - start) / 1e9;
        long secondManifests = client.requests().total(Kind.MANIFEST) - firstManifests - pinnedManifests;
        if (!first.unresolved().isEmpty() || !second.unresolved().isEmpty()) {
          throw new IllegalStateException("images left unresolved: " + first.unresolved());
        }
        String path = "haguard pin's path (ImagePinner on RegistryClient), real docker-registry";
        return List.of(
            Figure.exactly("registry.manifests.first-pass", firstManifests, "", TAGS,
                WORKLOADS + " workloads over " + TAGS + " tags; " + path),
            Figure.exactly("registry.manifests.already-pinned", pinnedManifests, "", 0,
                PINNED + " workloads pinned by digest"),
            Figure.exactly("registry.manifests.second-pass", secondManifests, "", 0,
                "the same " + WORKLOADS + " again within the cache TTL (" + settings.cacheTtl() + ")"),
            Figure.info("registry.requests.other", client.requests().total(Kind.PING)
                + client.requests().total(Kind.TOKEN) + client.requests().total(Kind.INDEX), "",
                "pings, tokens and index reads, all passes"),
            Figure.info("registry.first-pass.s", firstSeconds, "s",
                "wall time, at most " + settings.maxConcurrentPerRegistry() + " requests in flight per registry"),
            Figure.info("registry.second-pass.s", secondSeconds, "s", "wall time, from the cache"));
      }
    }
  }

  /** One multi-document YAML file of {@code count} Deployments, the i-th running {@code image(i)}. */
  private static ManifestFile write(Path file, int count, java.util.function.IntFunction<String> image)
      throws Exception {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < count; i++) {
      yaml.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-").append(i)
          .append("\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: ")
          .append(image.apply(i)).append('\n');
    }
    Files.writeString(file, yaml);
    return ManifestFile.read(file);
  }
}
