package dev.haguard.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String SHA = "sha256:" + "a".repeat(64);

  @Test
  void registryWithPortHasNoTag() throws Exception {
    ImageReference ref = ImageReference.parse("registry.local:5000/team/app");
    assertThat(ref.registry()).isEqualTo("registry.local:5000");
    assertThat(ref.repository()).isEqualTo("team/app");
    assertThat(ref.tag()).isNull();
    assertThat(ref.digest()).isNull();
    assertThat(ref.effectiveTag()).isEqualTo("latest");
    assertThat(ref.isMutable(Set.of("latest"))).isTrue();
  }

  @Test
  void registryWithPortAndTag() throws Exception {
    ImageReference ref = ImageReference.parse("registry.local:5000/team/app:2.1");
    assertThat(ref.registry()).isEqualTo("registry.local:5000");
    assertThat(ref.repository()).isEqualTo("team/app");
    assertThat(ref.tag()).isEqualTo("2.1");
  }

  @Test
  void digestOnlyIsPinned() throws Exception {
    ImageReference ref = ImageReference.parse("app@" + SHA);
    assertThat(ref.isPinned()).isTrue();
    assertThat(ref.tag()).isNull();
    assertThat(ref.digest()).isEqualTo(SHA);
    assertThat(ref.effectiveTag()).isNull();
    assertThat(ref.isMutable(Set.of("latest"))).isFalse();
  }

  @Test
  void tagAndDigestIsPinnedAndKeepsTheTag() throws Exception {
    ImageReference ref = ImageReference.parse("app:1.2@" + SHA);
    assertThat(ref.isPinned()).isTrue();
    assertThat(ref.tag()).isEqualTo("1.2");
    assertThat(ref.isMutable(Set.of("1.2"))).isFalse();
  }

  @Test
  void latestWithDigestIsNotMutable() throws Exception {
    assertThat(ImageReference.parse("nginx:latest@" + SHA).isMutable(Set.of("latest"))).isFalse();
    assertThat(ImageReference.parse("nginx:latest").isMutable(Set.of("latest"))).isTrue();
    assertThat(ImageReference.parse("nginx:stable").isMutable(Set.of("latest"))).isFalse();
    assertThat(ImageReference.parse("nginx:stable").isMutable(Set.of("latest", "stable"))).isTrue();
  }

  @Test
  void dockerHubNormalisation() throws Exception {
    ImageReference nginx = ImageReference.parse("nginx");
    assertThat(nginx.name()).isEqualTo("docker.io/library/nginx");
    assertThat(nginx.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(nginx.toString()).isEqualTo("nginx");
    assertThat(ImageReference.parse("bitnami/redis:7").name()).isEqualTo("docker.io/bitnami/redis");
    assertThat(ImageReference.parse("docker.io/nginx").name()).isEqualTo("docker.io/library/nginx");
    assertThat(ImageReference.parse("index.docker.io/library/nginx").name()).isEqualTo("docker.io/library/nginx");
    assertThat(ImageReference.parse("quay.io/prometheus/prometheus:v2").apiHost()).isEqualTo("quay.io");
  }

  @Test
  void firstComponentWithoutDotOrPortIsARepositoryPath() throws Exception {
    ImageReference ref = ImageReference.parse("team/app:1");
    assertThat(ref.registry()).isEqualTo("docker.io");
    assertThat(ref.repository()).isEqualTo("team/app");
  }

  @Test
  void localhostIsARegistry() throws Exception {
    assertThat(ImageReference.parse("localhost/app").registry()).isEqualTo("localhost");
    ImageReference withPort = ImageReference.parse("localhost:5000/app:dev");
    assertThat(withPort.registry()).isEqualTo("localhost:5000");
    assertThat(withPort.repository()).isEqualTo("app");
    assertThat(withPort.tag()).isEqualTo("dev");
  }

  @Test
  void ipv6Registry() throws Exception {
    ImageReference ref = ImageReference.parse("[fd00::1]:5000/team/app:1.0");
    assertThat(ref.registry()).isEqualTo("[fd00::1]:5000");
    assertThat(ref.repository()).isEqualTo("team/app");
    assertThat(ref.tag()).isEqualTo("1.0");
    assertThat(ImageReference.parse("[::1]/app").registry()).isEqualTo("[::1]");
  }

  @Test
  void withDigestKeepsTheTagForReaders() throws Exception {
    assertThat(ImageReference.parse("registry.local:5000/app:1.2").withDigest(SHA))
        .isEqualTo("registry.local:5000/app:1.2@" + SHA);
    assertThat(ImageReference.parse("app:1.2@sha256:" + "b".repeat(64)).withDigest(SHA)).isEqualTo("app:1.2@" + SHA);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " nginx", "nginx ", "Nginx", "team/App:1", "nginx:", "nginx@", "app:1.2@", "ngi nx", "nginx:ta g",
      "nginx:-bad", "nginx:.bad", "a//b", "/app", "registry.local:5000/", "app@sha256:abc",
      "app@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "app@md5:0123456789abcdef0123456789abcdef",
      "app@sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "app!", "a..b", "a_-b", "-app",
      "reg-.example.com/app", "[::1]:5000", "app:1@sha256:x@y", "my\napp"})
  void invalidReferencesAreRejectedWithAReason(String image) {
    assertThatThrownBy(() -> ImageReference.parse(image))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageNotContaining("null");
    assertThat(ImageReference.tryParse(image)).isEmpty();
  }

  @Test
  void tooLongTagAndNameAreRejected() {
    assertThat(ImageReference.tryParse("app:" + "t".repeat(129))).isEmpty();
    assertThat(ImageReference.tryParse("app:" + "t".repeat(128))).isPresent();
    assertThat(ImageReference.tryParse("r.io/" + "a".repeat(251))).isEmpty();
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> ImageReference.parse(null)).isInstanceOf(InvalidImageReferenceException.class);
  }

  @Test
  void otherDigestAlgorithmsOfTheRightLength() throws Exception {
    assertThat(ImageReference.parse("app@sha512:" + "0".repeat(128)).isPinned()).isTrue();
  }

  @Test
  void digestOfImageIdReadsRuntimeFormats() {
    String hex = "0123456789abcdef".repeat(4);
    for (String id : List.of("docker-pullable://nginx@sha256:" + hex, "docker.io/library/nginx@sha256:" + hex,
        "sha256:" + hex, "registry.local:5000/app@sha256:" + hex)) {
      assertThat(ImageReference.digestOfImageId(id)).contains("sha256:" + hex);
    }
    assertThat(ImageReference.digestOfImageId(null)).isEmpty();
    assertThat(ImageReference.digestOfImageId("")).isEmpty();
    assertThat(ImageReference.digestOfImageId("docker://sha256:abc")).isEmpty();
    assertThat(ImageReference.digestOfImageId("sha256:" + hex + "ff")).isEmpty();
  }

  @Test
  void isSha256Digest() {
    assertThat(ImageReference.isSha256Digest(SHA)).isTrue();
    assertThat(ImageReference.isSha256Digest("sha256:abc")).isFalse();
    assertThat(ImageReference.isSha256Digest(null)).isFalse();
  }
}
