package dev.haguard.remediation;

import dev.haguard.api.v1alpha1.ObjectRef;

/** One repair the planner found, before anything is done about it. */
public sealed interface PlannedAction {

  ActionType type();

  /** The object the action is about, as shown in status. */
  ObjectRef object();

  /**
   * Turn a bare pod into a Deployment (or carry on with a hand-off already under way).
   *
   * @param pod     the bare pod
   * @param podUid  its uid: the hand-off is keyed by it, never by the name alone
   * @param options how to build the replacement (same node, digests known from the running pod)
   */
  record RewriteBarePod(ObjectRef pod, String podUid, ReplacementOptions options) implements PlannedAction {
    @Override
    public ActionType type() {
      return ActionType.REWRITE_BARE_POD;
    }

    @Override
    public ObjectRef object() {
      return pod;
    }
  }

  /**
   * Pin one container image of a workload's template to a digest.
   *
   * @param workload     the Deployment, StatefulSet, DaemonSet or CronJob
   * @param container    the container's name (names are unique across init and regular containers)
   * @param init         whether it is an init container
   * @param currentImage the image as the template has it now; the step pins only if it still does
   * @param digest       where the digest comes from
   * @param pull         what the registry needs to authenticate
   */
  record PinImage(ObjectRef workload, String container, boolean init, String currentImage, DigestChoice digest,
      DigestResolver.PullContext pull) implements PlannedAction {
    @Override
    public ActionType type() {
      return ActionType.PIN_IMAGE;
    }

    @Override
    public ObjectRef object() {
      return workload;
    }
  }

  /** A repair that will not be made, and why (reported as Skipped). */
  record NotRemediated(ActionType type, ObjectRef object, String reason) implements PlannedAction {}
}
