package dev.haguard.analysis.images;

import dev.haguard.image.ImageReference;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The digests pods actually run ({@code status.*ContainerStatuses[].imageID}), per image as the
 * pods' specs write it: the truth behind a tag. {@code image-digest-drift} reads it, and pinning
 * from running pods takes its digest from it.
 */
public final class RunningDigests {
  private RunningDigests() {}

  /** For each image, how many of {@code pods} run each digest; a pod counts once per image and digest. */
  public static Map<String, SortedMap<String, Integer>> of(Iterable<Pod> pods) {
    Map<String, SortedMap<String, Integer>> byImage = new HashMap<>();
    Set<String> seenInPod = new HashSet<>();
    for (Pod pod : pods) {
      if (pod.getStatus() == null) {
        continue;
      }
      seenInPod.clear();
      for (List<ContainerStatus> statuses : List.of(WorkloadImages.nullToEmpty(pod.getStatus().getInitContainerStatuses()),
          WorkloadImages.nullToEmpty(pod.getStatus().getContainerStatuses()),
          WorkloadImages.nullToEmpty(pod.getStatus().getEphemeralContainerStatuses()))) {
        for (ContainerStatus status : statuses) {
          String image = WorkloadImages.imageOfContainer(pod.getSpec(), status.getName());
          Optional<String> digest = ImageReference.digestOfImageId(status.getImageID());
          if (image != null && digest.isPresent() && seenInPod.add(image + "@" + digest.get())) {
            byImage.computeIfAbsent(image, i -> new TreeMap<>()).merge(digest.get(), 1, Integer::sum);
          }
        }
      }
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
}
