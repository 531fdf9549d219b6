package dev.haguard.analysis.images;

import dev.haguard.image.ImageReference;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The digests pods actually run ({@code status.*ContainerStatuses[].imageID}), per image as the
 * pods' specs write it: the truth behind a tag. {@code image-digest-drift} reads it, and pinning
 * from running pods takes its digest from it.
 */
public final class RunningDigests {
  private RunningDigests() {}

  /**
   * Whether the {@code counted} pods might run several digests of one image: false when every
   * image's statuses carry the same imageID. A cheap test for every workload, without parsing.
   */
  public static boolean mayDiffer(List<Pod> pods, Predicate<Pod> counted) {
    Map<String, String> imageIdByImage = new HashMap<>(4);
    boolean[] differ = {false};
    for (Pod pod : pods) {
      if (differ[0]) {
        return true;
      }
      if (counted.test(pod)) {
        forEachStatus(pod, (image, imageId) -> {
          String first = imageIdByImage.putIfAbsent(image, imageId);
          differ[0] |= first != null && !first.equals(imageId);
        });
      }
    }
    return differ[0];
  }

  /** For each image, how many of the {@code counted} pods run each digest; a pod counts once per image and digest. */
  public static Map<String, SortedMap<String, Integer>> of(List<Pod> pods, Predicate<Pod> counted) {
    Map<String, SortedMap<String, Integer>> byImage = new HashMap<>();
    List<String> seenInPod = new ArrayList<>();
    for (Pod pod : pods) {
      if (!counted.test(pod)) {
        continue;
      }
      seenInPod.clear();
      forEachStatus(pod, (image, imageId) -> {
        Optional<String> digest = ImageReference.digestOfImageId(imageId);
        if (digest.isPresent() && !seenInPod.contains(image + "@" + digest.get())) {
          seenInPod.add(image + "@" + digest.get());
          byImage.computeIfAbsent(image, i -> new TreeMap<>()).merge(digest.get(), 1, Integer::sum);
        }
      });
    }
    return byImage;
  }

  /** The digest run by more than half of the counted pods, if one is. */
  public static Optional<String> strictMajority(Map<String, Integer> podsPerDigest) {
    int total = podsPerDigest.values().stream().mapToInt(Integer::intValue).sum();
    return podsPerDigest.entrySet().stream()
        .filter(e -> e.getValue() * 2 > total)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * Calls {@code action} with (spec image, imageID) for every container status that has both,
   * leaving out images pinned by digest: they cannot drift, and on nodes of different
   * architectures their imageIDs may name per-platform manifests of the one pinned index.
   */
  private static void forEachStatus(Pod pod, BiConsumer<String, String> action) {
    PodStatus status = pod.getStatus();
    if (status == null) {
      return;
    }
    // Called for every pod of every workload: plain loops, no intermediate collections.
    forEach(pod.getSpec(), status.getInitContainerStatuses(), action);
    forEach(pod.getSpec(), status.getContainerStatuses(), action);
    forEach(pod.getSpec(), status.getEphemeralContainerStatuses(), action);
  }

  private static void forEach(PodSpec spec, List<ContainerStatus> statuses, BiConsumer<String, String> action) {
    if (statuses == null) {
      return;
    }
    for (ContainerStatus s : statuses) {
      String image = WorkloadImages.imageOfContainer(spec, s.getName());
      if (image != null && image.indexOf('@') < 0 && s.getImageID() != null && !s.getImageID().isEmpty()) {
        action.accept(image, s.getImageID());
      }
    }
  }
}
