package dev.haguard.remediation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * The annotations and labels a bare-pod hand-off persists its progress in. They are the only state:
 * an operator that restarts, or the other replica after a leader change, reads them and resumes.
 */
public final class HandoffAnnotations {
  /** Label on the replacement Deployment, its selector and its template: ties the pods to the rewrite. */
  public static final String REPLACEMENT_LABEL = "haguard.dev/replacement";
  /** On the Deployment: the uid of the bare pod it replaces. */
  public static final String REWRITTEN_FROM = "haguard.dev/rewritten-from";
  /** On the Deployment: {@code namespace/name} of the bare pod it replaces. */
  public static final String REWRITTEN_FROM_POD = "haguard.dev/rewritten-from-pod";
  /** On the Deployment: the {@link HandoffPhase}. */
  public static final String PHASE = "haguard.dev/handoff-phase";
  /** On the Deployment: when the current attempt started (RFC 3339); the ready timeout counts from here. */
  public static final String STARTED = "haguard.dev/handoff-started";
  /** On the Deployment: when the phase last changed (RFC 3339). */
  public static final String PHASE_SINCE = "haguard.dev/handoff-phase-since";
  /** On the Deployment: why it is being rolled back. */
  public static final String REASON = "haguard.dev/handoff-reason";
  /** On the pod: the name of the Deployment replacing it. */
  public static final String REPLACED_BY = "haguard.dev/replaced-by";
  /** On the pod: when the last attempt was rolled back (RFC 3339). */
  public static final String FAILED_AT = "haguard.dev/rewrite-failed-at";
  /** On the pod: why the last attempt was rolled back. */
  public static final String FAILURE = "haguard.dev/rewrite-failure";
  /** On the pod: how many attempts were rolled back. */
  public static final String ATTEMPTS = "haguard.dev/rewrite-attempts";
  /** On the pod: no new attempt before this time (RFC 3339). */
  public static final String RETRY_AFTER = "haguard.dev/rewrite-retry-after";

  private HandoffAnnotations() {}

  public static Optional<String> get(HasMetadata o, String key) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }

  /** Whether {@code deployment} was created by a rewrite of the pod with uid {@code podUid}. */
  public static boolean replaces(HasMetadata deployment, String podUid) {
    return podUid != null && get(deployment, REWRITTEN_FROM).filter(podUid::equals).isPresent();
  }

  /** The hand-off phase of a replacement Deployment; a replacement without one is treated as just created. */
  public static HandoffPhase phase(HasMetadata deployment) {
    return get(deployment, PHASE).flatMap(HandoffPhase::parse).orElse(HandoffPhase.CREATED);
  }
}
