package dev.haguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.remediation.handoff.Backoff;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Backoff, the JSON Patch builder and the status helper. */
class SmallPartsTest {

  @Test
  void backoffDoublesAndIsCapped() {
    assertThat(Backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Backoff.after(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(Backoff.after(7)).isEqualTo(Duration.ofHours(1));
    assertThat(Backoff.after(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void patchIsGuardedAndEscapesAnnotationKeys() {
    Pod pod = new PodBuilder(Fixtures.barePod("web", "nginx:1.27", null)).editMetadata().withResourceVersion("42")
        .addToAnnotations("haguard.dev/replaced-by", "web").endMetadata().build();

    String json = JsonPatch.guardedBy(pod)
        .annotations(pod, Map.of("haguard.dev/rewrite-attempts", "1"),
            Set.of("haguard.dev/replaced-by", "haguard.dev/not-there"))
        .toJson();

    assertThat(json).isEqualTo("[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"42\"},"
        + "{\"op\":\"add\",\"path\":\"/metadata/annotations/haguard.dev~1rewrite-attempts\",\"value\":\"1\"},"
        + "{\"op\":\"remove\",\"path\":\"/metadata/annotations/haguard.dev~1replaced-by\"}]");
  }

  @Test
  void patchAddsTheWholeMapWhenThereAreNoAnnotations() {
    Pod pod = new PodBuilder(Fixtures.barePod("web", "nginx:1.27", null)).editMetadata().withResourceVersion("7")
        .endMetadata().build();

    assertThat(JsonPatch.guardedBy(pod).annotations(pod, Map.of("a/b", "c"), Set.of("x")).toJson())
        .endsWith("{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"a/b\":\"c\"}}]");
  }

  @Test
  void actionsKeepTheirTransitionTimeWhileTheirStateHolds() {
    ObjectRef pod = new ObjectRef("v1", "Pod", "shop", "web");
    List<Action> stored = List.of(new Action("RewriteBarePod", pod, "InProgress", "waiting (40s left)",
        "2026-01-01T00:00:00Z"));
    RemediationResult now = new RemediationResult(List.of(
        new Action("RewriteBarePod", pod, "InProgress", "waiting (30s left)", "2026-01-01T00:00:10Z"),
        new Action("PinImage", pod, "Done", "pinned", "2026-01-01T00:00:10Z")), List.of(), List.of(),
        Optional.empty());

    assertThat(now.actionsSince(stored)).extracting(Action::lastTransitionTime)
        .containsExactly("2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z");
  }
}
