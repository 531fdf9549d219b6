package dev.haguard.remediation.planning;

import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.image.ImageReference;
import dev.haguard.remediation.DigestChoice;
import dev.haguard.remediation.ImagePin;
import dev.haguard.snapshot.PodFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Chooses where a container's digest comes from. With {@link PinSource#RUNNING} it is the digest the
 * workload's Ready pods actually run (their {@code containerStatuses[].imageID}): the version that
 * is live and was rolled out, not whatever the tag points at today. Pure: no registry call here.
 */
public final class DigestChooser {
  private DigestChooser() {}

  /**
   * @param pods      the workload's pods (any state; only Ready ones running {@code image} count)
   * @param container the container's name
   * @param image     the image the template has now: pods still running an older template do not vote
   * @param source    the policy's pin source
   */
  public static DigestChoice choose(List<Pod> pods, String container, String image, PinSource source) {
    if (source == PinSource.REGISTRY) {
      return new DigestChoice.AskRegistry("images.pinSource is Registry");
    }
    Map<String, Integer> votes = new TreeMap<>();
    int voters = 0;
    for (Pod pod : pods) {
      if (!PodFacts.isReady(pod) || !runsImage(pod, container, image)) {
        continue;
      }
      Optional<String> digest = runningDigest(pod, container);
      if (digest.isPresent()) {
        votes.merge(digest.get(), 1, Integer::sum);
        voters++;
      }
    }
    if (voters == 0) {
      return new DigestChoice.AskRegistry("no Ready pod reports the digest it runs");
    }
    for (Map.Entry<String, Integer> vote : votes.entrySet()) {
      if (vote.getValue() * 2 > voters) {
        return new DigestChoice.Known(vote.getKey(),
            "run by " + vote.getValue() + " of " + voters + " Ready pods");
      }
    }
    return new DigestChoice.Refused("the Ready pods run " + votes.size() + " different digests of " + image
        + " and none is run by a strict majority (" + votes + "); pin it by hand once the drift is resolved");
  }

  /** The digest {@code pod} runs for {@code container}, from its (init) container status. */
  public static Optional<String> runningDigest(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return Stream.of(pod.getStatus().getContainerStatuses(), pod.getStatus().getInitContainerStatuses())
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(s -> container.equals(s.getName()))
        .map(ContainerStatus::getImageID)
        .map(ImageReference::digestOfImageId)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static boolean runsImage(Pod pod, String container, String image) {
    return ImagePin.find(pod.getSpec(), container).map(Container::getImage).filter(image::equals).isPresent();
  }
}
