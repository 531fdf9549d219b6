package dev.haguard.remediation.pinning;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.image.ImageReference;
import dev.haguard.remediation.ActionState;
import dev.haguard.remediation.ActionType;
import dev.haguard.remediation.ImagePin;
import dev.haguard.remediation.JsonPatch;
import dev.haguard.remediation.PlannedAction.PinImage;
import dev.haguard.remediation.RemediationEvent;
import dev.haguard.remediation.RemediationOutcome;
import dev.haguard.remediation.StepResult;
import dev.haguard.remediation.Steps;
import dev.haguard.remediation.WorkloadApi;
import dev.haguard.remediation.WorkloadApi.ConflictException;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pins one container image in a workload's template, once: a JSON Patch of its {@code image} and
 * {@code imagePullPolicy}, guarded by the resourceVersion it was computed from (409: re-read and
 * re-check). Only the owner's template changes, so the controller rolls out a new revision and
 * {@code kubectl rollout undo} goes back to the unpinned one (a CronJob keeps no revisions: its
 * image is set back by hand).
 */
public final class ImagePinStep {
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "DaemonSet", DaemonSet.class,
      "CronJob", CronJob.class);

  public StepResult run(PinImage action, String digest, Instant now, WorkloadApi api) {
    ObjectRef ref = action.workload();
    Class<? extends HasMetadata> kind = KINDS.get(ref.kind());
    for (int attempt = 1; attempt <= Steps.MAX_CONFLICT_RETRIES; attempt++) {
      Optional<? extends HasMetadata> fresh = api.get(kind, ref.namespace(), ref.name());
      Optional<PodSpec> spec = fresh.flatMap(o -> new Workload(ref, o, List.of()).template()).map(t -> t.getSpec());
      List<Container> containers = spec.map(s -> action.init() ? s.getInitContainers() : s.getContainers())
          .orElse(List.of());
      int index = indexOf(containers, action.container());
      if (index < 0) {
        return StepResult.quiet(ActionState.SKIPPED, ref + " no longer has container " + action.container(), null,
            null);
      }
      String image = containers.get(index).getImage();
      if (ImageReference.tryParse(image).map(ImageReference::isPinned).orElse(false)) {
        return StepResult.quiet(ActionState.DONE, "container " + action.container() + " runs " + image, null, null);
      }
      if (!image.equals(action.currentImage())) {
        return StepResult.quiet(ActionState.IN_PROGRESS, "container " + action.container() + " changed to " + image
            + " since it was planned; planning again", null, now.plus(Steps.PROGRESS_DELAY));
      }
      String pinned = ImagePin.pinned(image, digest);
      String path = templatePath(ref.kind()) + (action.init() ? "/initContainers/" : "/containers/") + index;
      try {
        api.patch(kind, ref.namespace(), ref.name(), JsonPatch.guardedBy(fresh.get())
            .replace(path + "/image", pinned)
            .add(path + "/imagePullPolicy", ImagePin.PULL_POLICY));
      } catch (ConflictException e) {
        continue;
      }
      String message = "pinned container " + action.container() + " to " + pinned + " (" + rollback(ref, image) + ")";
      return new StepResult(ActionState.DONE, message, now, null,
          new RemediationEvent(RemediationEvent.NORMAL, ActionType.PIN_IMAGE, message, ref),
          RemediationOutcome.Outcome.DONE);
    }
    return StepResult.quiet(ActionState.FAILED, ref + " kept changing under the pin (" + Steps.MAX_CONFLICT_RETRIES
        + " conflicts); trying again on the next pass", null, now.plus(Steps.POLL_INTERVAL));
  }

  /** How to undo the pin, in the words of the workload's kind. */
  private static String rollback(ObjectRef ref, String unpinned) {
    if ("CronJob".equals(ref.kind())) {
      return "to roll back, set the image back to " + unpinned;
    }
    return "roll back with kubectl rollout undo -n " + ref.namespace() + " "
        + ref.kind().toLowerCase(java.util.Locale.ROOT) + "/" + ref.name();
  }

  private static int indexOf(List<Container> containers, String name) {
    for (int i = 0; i < containers.size(); i++) {
      if (name.equals(containers.get(i).getName())) {
        return i;
      }
    }
    return -1;
  }

  private static String templatePath(String kind) {
    return kind.equals("CronJob") ? "/spec/jobTemplate/spec/template/spec" : "/spec/template/spec";
  }
}
