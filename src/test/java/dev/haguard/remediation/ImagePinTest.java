package dev.haguard.remediation;

import static dev.haguard.remediation.Fixtures.DIGEST_A;
import static dev.haguard.remediation.Fixtures.DIGEST_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePinTest {
  private static final PodTemplateSpec TEMPLATE = new PodTemplateSpecBuilder()
      .withNewSpec()
      .addNewInitContainer().withName("migrate").withImage("registry.local:5000/team/migrate").endInitContainer()
      .addNewContainer().withName("app").withImage("nginx:1.27").withImagePullPolicy("Always").endContainer()
      .addNewContainer().withName("sidecar").withImage("envoy:latest").endContainer()
      .endSpec().build();

  @ParameterizedTest
  @CsvSource({
      "nginx:1.27, nginx:1.27@" + "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "registry.local:5000/team/app, registry.local:5000/team/app@"
          + "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "app:1.2@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, app:1.2@"
          + "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void keepsTheTagForReaders(String image, String expected) {
    assertThat(ImagePin.pinned(image, DIGEST_A)).isEqualTo(expected);
  }

  @Test
  void pinsOneContainerAndItsPullPolicy() {
    PodTemplateSpec pinned = ImagePin.apply(TEMPLATE, "app", DIGEST_A);

    assertThat(pinned.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27@" + DIGEST_A);
    assertThat(pinned.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(pinned.getSpec().getContainers().get(1).getImage()).isEqualTo("envoy:latest");
    assertThat(TEMPLATE.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
    assertThat(TEMPLATE.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void pinsInitContainers() {
    PodTemplateSpec pinned = ImagePin.apply(TEMPLATE, "migrate", DIGEST_B);

    assertThat(pinned.getSpec().getInitContainers().get(0).getImage())
        .isEqualTo("registry.local:5000/team/migrate@" + DIGEST_B);
  }

  @Test
  void refusesWhatIsNotADigestOrAContainer() {
    assertThatThrownBy(() -> ImagePin.apply(TEMPLATE, "app", "sha256:short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a sha256 digest");
    assertThatThrownBy(() -> ImagePin.apply(TEMPLATE, "nope", DIGEST_A))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no container");
  }
}
