package dev.haguard.remediation.handoff;

import java.time.Duration;

/** How long a bare pod waits after a rolled-back hand-off before the next attempt: doubling, capped. */
public final class Backoff {
  static final Duration FIRST = Duration.ofMinutes(1);
  static final Duration CAP = Duration.ofHours(1);

  private Backoff() {}

  /** The wait after the {@code attempts}-th rolled-back attempt (1 -> 1 min, 2 -> 2 min, ... at most 1 h). */
  public static Duration after(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 10));
    Duration delay = FIRST.multipliedBy(1L << doublings);
    return delay.compareTo(CAP) > 0 ? CAP : delay;
  }
}
