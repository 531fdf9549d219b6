/** The image pin: one container image of a workload's template pinned to a digest, guarded against change. */
package dev.haguard.remediation.pinning;
