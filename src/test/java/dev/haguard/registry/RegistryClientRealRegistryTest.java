package dev.haguard.registry;

import dev.haguard.support.MutableClock;
import dev.haguard.image.Platform;
import dev.haguard.image.ArchitectureCoverage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryException.Failure;
import dev.haguard.registry.RegistryRequests.Kind;
import dev.haguard.support.RealTier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against a real Docker Distribution registry on loopback. */
@RealTier
class RegistryClientRealRegistryTest {
  @TempDir
  static Path dir;
  static LocalRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(dir);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  private static ImageReference image(String repoAndTag) {
    return ImageReference.tryParse(registry.host() + "/" + repoAndTag).orElseThrow();
  }

  private static RegistryClient client() throws RegistrySetupException {
    return new RegistryClient(RegistrySettings.builder().build());
  }

  @Test
  void resolvesATagToTheDigestOfThePushedManifest() throws Exception {
    String pushed = registry.images().pushImage("team/app", "1.0", "amd64");
    try (RegistryClient client = client()) {
      ResolvedDigest resolved = client.resolveNow(image("team/app:1.0"));

      assertThat(resolved.digest()).isEqualTo(pushed);
      assertThat(resolved.isIndex()).isFalse();
      assertThat(resolved.platforms()).isEmpty();
      assertThat(resolved.pinnedReference()).isEqualTo(registry.host() + "/team/app:1.0@" + pushed);
      assertThat(client.requests().count(registry.host(), Kind.MANIFEST)).isEqualTo(1);
    }
  }

  @Test
  void pinsTheIndexOfAMultiArchImageAndListsItsPlatforms() throws Exception {
    String index = registry.images().pushIndex("team/multi", "2.0", "amd64", "arm64");
    try (RegistryClient client = client()) {
      ResolvedDigest resolved = client.resolveNow(image("team/multi:2.0"));

      assertThat(resolved.digest()).isEqualTo(index);
      assertThat(resolved.isIndex()).isTrue();
      assertThat(resolved.platforms()).extracting(Platform::architecture).containsExactly("amd64", "arm64");
      assertThat(ArchitectureCoverage.missing(resolved.platforms(), Set.of("amd64", "arm64", "s390x")))
          .containsExactly("s390x");
      assertThat(client.requests().count(registry.host(), Kind.MANIFEST)).isEqualTo(1);
      assertThat(client.requests().count(registry.host(), Kind.INDEX)).isEqualTo(1);
    }
  }

  @Test
  void askersOfOneTagShareOneManifestRequestUntilTheTtlEnds() throws Exception {
    String pushed = registry.images().pushImage("team/cached", "1", "amd64");
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    try (RegistryClient client = new RegistryClient(RegistrySettings.builder().clock(clock).build())) {
      List<CompletableFuture<ResolvedDigest>> askers = IntStream.range(0, 10)
          .mapToObj(i -> client.resolve(image("team/cached:1"))).toList();
      askers.forEach(asker -> assertThat(asker.join().digest()).isEqualTo(pushed));
      assertThat(client.resolveNow(image("team/cached:1")).digest()).isEqualTo(pushed);
      assertThat(client.resolveNow(image("team/cached:1")).digest()).isEqualTo(pushed);
      assertThat(client.requests().count(registry.host(), Kind.MANIFEST)).isEqualTo(1);

      clock.advance(Duration.ofMinutes(6));
      client.resolveNow(image("team/cached:1"));
      assertThat(client.requests().count(registry.host(), Kind.MANIFEST)).isEqualTo(2);
    }
  }

  @Test
  void pinnedImagesCostNoRequest() throws Exception {
    String digest = "sha256:" + "a".repeat(64);
    try (RegistryClient client = client()) {
      ResolvedDigest resolved = client.resolveNow(image("team/app:1.0@" + digest));

      assertThat(resolved.digest()).isEqualTo(digest);
      for (Kind kind : Kind.values()) {
        assertThat(client.requests().total(kind)).isZero();
      }
    }
  }

  @Test
  void anUnknownTagIsNotFound() throws Exception {
    registry.images().pushImage("team/known", "1", "amd64");
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.resolveNow(image("team/known:nope")))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
      assertThatThrownBy(() -> client.resolveNow(image("team/never-pushed:1")))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
    }
  }

  @Test
  void aStoppedRegistryIsUnreachableAndResolvesAgainOnceItIsBack() throws Exception {
    String first = registry.images().pushImage("team/outage", "before", "amd64");
    String second = registry.images().pushImage("team/outage", "during", "amd64");
    try (RegistryClient client = client()) {
      assertThat(client.resolveNow(image("team/outage:before")).digest()).isEqualTo(first);

      registry.stop();
      assertThatThrownBy(() -> client.resolveNow(image("team/outage:during")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE));

      registry.start();
      assertThat(client.resolveNow(image("team/outage:during")).digest()).isEqualTo(second);
    }
  }
}
