/**
 * The Enforce plan: pure, from the analysis's findings and the policy that acts to the actions of
 * {@link dev.haguard.remediation.PlannedAction}; no client, no registry (Audit shows exactly this plan).
 */
package dev.haguard.remediation.planning;
