package dev.haguard.remediation;

import dev.haguard.image.ImageReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Pins one container image of a pod template to a digest. Pure: returns a new template. */
public final class ImagePin {
  /** With a digest in the reference the kubelet pulls at most once per node; Always would only add registry load. */
  public static final String PULL_POLICY = "IfNotPresent";

  private ImagePin() {}

  /**
   * The template with {@code container} (regular or init) running {@code name:tag@digest} and
   * {@code imagePullPolicy: IfNotPresent}; {@code template} itself is not changed.
   *
   * @throws IllegalArgumentException when the template has no such container or its image does not parse
   */
  public static PodTemplateSpec apply(PodTemplateSpec template, String container, String digest) {
    PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
    Container target = find(copy.getSpec(), container)
        .orElseThrow(() -> new IllegalArgumentException("the template has no container \"" + container + "\""));
    target.setImage(pinned(target.getImage(), digest));
    target.setImagePullPolicy(PULL_POLICY);
    return copy;
  }

  /** {@code image} pinned to {@code digest}, keeping the tag as written for readers: {@code app:1.2@sha256:...}. */
  public static String pinned(String image, String digest) {
    if (!ImageReference.isSha256Digest(digest)) {
      throw new IllegalArgumentException("\"" + digest + "\" is not a sha256 digest");
    }
    return ImageReference.tryParse(image)
        .orElseThrow(() -> new IllegalArgumentException("\"" + image + "\" is not a valid image reference"))
        .withDigest(digest);
  }

  /** The container named {@code name} among the regular and init containers. */
  public static Optional<Container> find(PodSpec spec, String name) {
    return containers(spec).filter(c -> name.equals(c.getName())).findFirst();
  }

  /** Regular then init containers of {@code spec}. */
  public static Stream<Container> containers(PodSpec spec) {
    if (spec == null) {
      return Stream.empty();
    }
    return Stream.of(spec.getContainers(), spec.getInitContainers())
        .filter(Objects::nonNull)
        .flatMap(List::stream);
  }
}
