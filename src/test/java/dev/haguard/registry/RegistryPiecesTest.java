package dev.haguard.registry;

import dev.haguard.image.Platform;
import dev.haguard.image.ArchitectureCoverage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small pure pieces: challenges, loopback detection, architecture coverage. */
class RegistryPiecesTest {
  @Test
  void parsesBearerAndBasicChallenges() {
    assertThat(AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
        + "scope=\"repository:library/nginx:pull\"")).hasValueSatisfying(c -> {
          assertThat(c.isBearer()).isTrue();
          assertThat(c.realm()).isEqualTo("https://auth.docker.io/token");
          assertThat(c.service()).isEqualTo("registry.docker.io");
          assertThat(c.scope()).isEqualTo("repository:library/nginx:pull");
        });
    assertThat(AuthChallenge.parse("Basic realm=\"x\"")).hasValueSatisfying(c -> assertThat(c.isBasic()).isTrue());
    assertThat(AuthChallenge.parse("Negotiate")).isEmpty();
    assertThat(AuthChallenge.parse("Bearer service=\"no-realm\"")).isEmpty();
  }

  @Test
  void onlyLoopbackHostsAreLoopback() {
    assertThat(List.of("localhost:5000", "127.0.0.1:5000", "127.3.2.1", "[::1]:5000", "localhost"))
        .allMatch(HttpRegistry::isLoopback);
    assertThat(List.of("registry.example.com", "10.0.0.1:5000", "localhost.example.com", "128.0.0.1"))
        .noneMatch(HttpRegistry::isLoopback);
  }

  @Test
  void reportsTheNodeArchitecturesAnIndexDoesNotCover() {
    List<Platform> platforms = List.of(new Platform("linux", "amd64", null), new Platform("linux", "arm64", "v8"),
        new Platform("windows", "s390x", null));

    assertThat(ArchitectureCoverage.missing(platforms, Set.of("amd64", "arm64"))).isEmpty();
    assertThat(ArchitectureCoverage.missing(platforms, Set.of("amd64", "s390x", "ppc64le")))
        .containsExactly("ppc64le", "s390x");
    assertThat(ArchitectureCoverage.missing(List.of(), Set.of("arm64"))).isEmpty();
  }
}
