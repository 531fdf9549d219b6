package dev.haguard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryException.Failure;
import dev.haguard.registry.RegistryRequests.Kind;
import dev.haguard.support.RealTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials path against a real registry behind htpasswd Basic auth. */
@RealTier
class RegistryClientAuthTest {
  @TempDir
  static Path dir;
  static LocalRegistry registry;
  static String pushed;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(dir, "puller", "s3cret-pass");
    pushed = registry.images().pushImage("private/app", "1.0", "amd64");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  private static RegistryClient clientWith(String dockerConfigJson) throws RegistrySetupException {
    RegistryCredentials credentials = dockerConfigJson == null ? RegistryCredentials.none()
        : RegistryCredentials.fromJson(dockerConfigJson);
    return new RegistryClient(RegistrySettings.builder().credentials(credentials).build());
  }

  private static String dockerConfig(String user, String password) {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}";
  }

  private static ImageReference image() {
    return ImageReference.tryParse(registry.host() + "/private/app:1.0").orElseThrow();
  }

  @Test
  void resolvesWithTheCredentialsOfADockerConfig() throws Exception {
    try (RegistryClient client = clientWith(dockerConfig("puller", "s3cret-pass"))) {
      assertThat(client.resolveNow(image()).digest()).isEqualTo(pushed);
      assertThat(client.requests().count(registry.host(), Kind.MANIFEST)).isEqualTo(1);
    }
  }

  @Test
  void withoutCredentialsTheAnswerIsUnauthorized() throws Exception {
    try (RegistryClient client = clientWith(null)) {
      assertThatThrownBy(() -> client.resolveNow(image()))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("none configured");
          });
    }
  }

  @Test
  void wrongCredentialsAreUnauthorizedAndNeverPrinted() throws Exception {
    try (RegistryClient client = clientWith(dockerConfig("puller", "wrong-pass"))) {
      assertThatThrownBy(() -> client.resolveNow(image()))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED);
            assertThat(e.getMessage()).doesNotContain("wrong-pass");
          });
    }
  }
}
