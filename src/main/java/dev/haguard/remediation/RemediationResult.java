package dev.haguard.remediation;

import dev.haguard.api.v1alpha1.Action;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one remediation pass did: the actions for {@code status.actions}, the Events to emit, the
 * outcomes to count in {@code haguard_remediations_total}, and when the pass must run again.
 *
 * @param nextRunAt the earliest time a step waits for (reschedule the reconcile then); empty when
 *                  nothing is waiting and only a change in the cluster needs a new pass
 */
public record RemediationResult(List<Action> actions, List<RemediationEvent> events,
    List<RemediationOutcome> outcomes, Optional<Instant> nextRunAt) {

  public RemediationResult {
    actions = List.copyOf(actions);
    events = List.copyOf(events);
    outcomes = List.copyOf(outcomes);
  }

  /**
   * The actions with the lastTransitionTime of {@code previous} (the status already stored) where an
   * action on the same object is still in the same state, so that status does not change on every pass.
   */
  public List<Action> actionsSince(List<Action> previous) {
    Map<String, String> since = new HashMap<>();
    for (Action a : previous == null ? List.<Action>of() : previous) {
      since.putIfAbsent(key(a), a.lastTransitionTime());
    }
    return actions.stream()
        .map(a -> new Action(a.type(), a.object(), a.state(), a.message(),
            Objects.requireNonNullElse(since.get(key(a)), a.lastTransitionTime())))
        .toList();
  }

  private static String key(Action a) {
    return a.type() + "|" + a.object() + "|" + a.state();
  }
}
