package dev.haguard.remediation.handoff;

import dev.haguard.remediation.StepResult;

/**
 * One step of the bare-pod hand-off. A step first checks whether its effect already exists (an
 * interrupted run may have done it), then does at most what is missing, so running it twice, or
 * after a crash at any point, converges.
 */
interface HandoffStep {
  StepResult run(Handoff h);
}
