/**
 * Enforce mode: the engine ({@link dev.haguard.remediation.RemediationEngine}) and its contract, the
 * actions a plan holds, what a step returns, the hand-off's annotations and the
 * {@link dev.haguard.remediation.WorkloadApi} port every write goes through. Around it, three rooms that
 * meet only here: {@code planning} (the plan, pure, from the analysis's findings), {@code handoff}
 * (a bare pod turned into a Deployment, resumably) and {@code pinning} (an image pinned in a template).
 * Progress lives in annotations on the objects themselves, so any operator instance can resume or
 * roll back a hand-off another one started.
 */
package dev.haguard.remediation;
