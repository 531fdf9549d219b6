package dev.haguard.analysis.images;

import dev.haguard.analysis.pods.PodOwnership;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.image.ImageReference;
import dev.haguard.image.InvalidImageReferenceException;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images each workload outside the excluded namespaces asks for, once per workload and image,
 * each distinct image string parsed once per analysis.
 *
 * <p>Images come from the workload's template (so a Deployment is named even with no pods, and
 * once however many pods it has); for a bare pod, a static pod or an owner the snapshot lacks,
 * from the pods' specs.
 */
public final class WorkloadImages {

  /**
   * One image one workload asks for.
   *
   * @param workload      the top-level workload (the pod itself for bare and static pods)
   * @param image         the image string as written
   * @param reference     the parsed reference; null when the string is invalid
   * @param invalidReason why the kubelet would refuse the string; null when it is valid
   * @param requiredArch  the {@code kubernetes.io/arch} the pod spec's nodeSelector asks for, or null
   */
  public record Use(
      ObjectRef workload, String image, ImageReference reference, String invalidReason, String requiredArch) {}

  static final String ARCH_LABEL = "kubernetes.io/arch";

  private final List<Use> uses = new ArrayList<>();
  private final Map<String, Use> parsedByImage = new HashMap<>();

  private WorkloadImages(ClusterSnapshot snapshot, Policy policy) {
    for (Workload workload : snapshot.workloads()) {
      if (!policy.workloadRulesApplyTo(workload.ref().namespace())) {
        continue;
      }
      Optional<PodSpec> template = workload.template().map(PodTemplateSpec::getSpec);
      if (template.isPresent()) {
        addAll(workload.ref(), imagesOf(template.get()), requiredArch(template.get()));
      } else if (PodOwnership.isNodeOwned(workload)) {
        for (Pod pod : workload.pods()) {
          addAll(ObjectRef.of(pod), imagesOf(pod.getSpec()), requiredArch(pod.getSpec()));
        }
      } else {
        Set<String> images = new LinkedHashSet<>();
        String arch = null;
        for (Pod pod : workload.pods()) {
          images.addAll(imagesOf(pod.getSpec()));
          arch = requiredArch(pod.getSpec());
        }
        addAll(workload.ref(), images, arch);
      }
    }
  }

  public static WorkloadImages of(ClusterSnapshot snapshot, Policy policy) {
    return new WorkloadImages(snapshot, policy);
  }

  /** Every (workload, image) pair, in workload order. */
  public List<Use> uses() {
    return uses;
  }

  /** The distinct images of a pod spec: init, regular and ephemeral containers; blank images are skipped. */
  public static Set<String> imagesOf(PodSpec spec) {
    Set<String> images = new LinkedHashSet<>();
    if (spec == null) {
      return images;
    }
    for (List<Container> containers
        : List.of(nullToEmpty(spec.getInitContainers()), nullToEmpty(spec.getContainers()))) {
      for (Container c : containers) {
        addImage(images, c.getImage());
      }
    }
    for (EphemeralContainer c : nullToEmpty(spec.getEphemeralContainers())) {
      addImage(images, c.getImage());
    }
    return images;
  }

  /** The image of the container (init, regular or ephemeral) named {@code name}; null when there is none. */
  public static String imageOfContainer(PodSpec spec, String name) {
    if (spec == null || name == null) {
      return null;
    }
    String image = imageOf(spec.getContainers(), name);
    if (image == null) {
      image = imageOf(spec.getInitContainers(), name);
    }
    if (image == null && spec.getEphemeralContainers() != null) {
      for (EphemeralContainer c : spec.getEphemeralContainers()) {
        if (name.equals(c.getName())) {
          return c.getImage();
        }
      }
    }
    return image;
  }

  private static String imageOf(List<Container> containers, String name) {
    if (containers != null) {
      for (Container c : containers) {
        if (name.equals(c.getName())) {
          return c.getImage();
        }
      }
    }
    return null;
  }

  private void addAll(ObjectRef workload, Collection<String> images, String requiredArch) {
    for (String image : images) {
      Use parsed = parsedByImage.computeIfAbsent(image, WorkloadImages::parse);
      uses.add(new Use(workload, image, parsed.reference(), parsed.invalidReason(), requiredArch));
    }
  }

  private static String requiredArch(PodSpec spec) {
    return spec == null || spec.getNodeSelector() == null ? null : spec.getNodeSelector().get(ARCH_LABEL);
  }

  private static Use parse(String image) {
    try {
      return new Use(null, image, ImageReference.parse(image), null, null);
    } catch (InvalidImageReferenceException e) {
      return new Use(null, image, null, e.getMessage(), null);
    }
  }

  private static void addImage(Set<String> images, String image) {
    // A template may leave the image to a controller or config tool; that is not an invalid reference.
    if (image != null && !image.isBlank()) {
      images.add(image);
    }
  }

  static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
