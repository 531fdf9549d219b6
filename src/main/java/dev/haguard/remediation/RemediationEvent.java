package dev.haguard.remediation;

import dev.haguard.api.v1alpha1.ObjectRef;

/**
 * A Kubernetes Event the operator should emit for a remediation step.
 *
 * @param type    {@code Normal} or {@code Warning}
 * @param reason  the action type ({@code RewriteBarePod}, {@code PinImage})
 * @param message what happened, for people
 * @param object  the object the Event is about
 */
public record RemediationEvent(String type, ActionType reason, String message, ObjectRef object) {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
}
