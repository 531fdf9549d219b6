/**
 * The bare-pod hand-off: a Deployment replaces a bare pod in resumable steps whose progress lives in
 * {@link dev.haguard.remediation.HandoffAnnotations} on the objects, so any operator instance can
 * resume or roll back a hand-off another one started.
 */
package dev.haguard.remediation.handoff;
