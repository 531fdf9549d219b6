package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.cli.pin.ImagePinner;
import dev.haguard.cli.pin.ManifestPaths;
import dev.haguard.registry.LocalRegistry;
import dev.haguard.registry.RegistryClient;
import dev.haguard.registry.RegistryRequests.Kind;
import dev.haguard.registry.RegistrySettings;
import dev.haguard.support.RealTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pin} asks the registry once per unique image, however often the image is written. */
@RealTier
class PinRegistryEconomyTest {
  @TempDir
  Path dir;

  @Test
  void oneManifestRequestPerUniqueImage() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")))) {
      String digest = registry.images().pushImage("team/app", "1.0", "amd64");
      String image = registry.host() + "/team/app:1.0";
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        yaml.append("---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: ")
            .append(i % 2 == 0 ? image : "\"" + image + "\"").append('\n');
      }
      yaml.append("---\nkind: Pod\nspec:\n  containers:\n  - image: ").append(image).append("@").append(digest).append('\n');
      Path file = Files.writeString(dir.resolve("five.yaml"), yaml.toString());

      try (RegistryClient client = new RegistryClient(RegistrySettings.builder().build())) {
        ImagePinner.Result result = ImagePinner.pin(ManifestPaths.read(List.of(file)), client);

        assertThat(result.unresolved()).isEmpty();
        assertThat(result.edited().values().iterator().next().split(digest, -1)).hasSize(7);
        assertThat(client.requests().count(registry.host(), Kind.MANIFEST)).isEqualTo(1);
      }
    }
  }
}
