/**
 * Enforce mode: the plan of repairs ({@link dev.haguard.remediation.RemediationPlanner}, pure) and the
 * resumable steps that carry it out through {@link dev.haguard.remediation.WorkloadApi}
 * ({@link dev.haguard.remediation.RemediationEngine}). Progress lives in annotations on the objects
 * themselves, so any operator instance can resume or roll back a hand-off another one started.
 */
package dev.haguard.remediation;
