package dev.haguard.remediation;

import java.time.Instant;

/**
 * What one remediation step did.
 *
 * @param state     the action's state after the step
 * @param message   for status and people
 * @param since     when the action entered {@code state}, when known (null: now)
 * @param nextRunAt when the action needs another pass (null: only when something changes)
 * @param event     the Event to emit, or null
 * @param outcome   the finished outcome to count, or null while not finished (or finished before)
 */
public record StepResult(ActionState state, String message, Instant since, Instant nextRunAt,
    RemediationEvent event, RemediationOutcome.Outcome outcome) {

  /** A step that changed nothing and has nothing to report beyond its state. */
  public static StepResult quiet(ActionState state, String message, Instant since, Instant nextRunAt) {
    return new StepResult(state, message, since, nextRunAt, null, null);
  }
}
