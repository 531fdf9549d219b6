package dev.haguard.remediation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What every remediation step shares: how often it retries a conflict, when it looks again, how it writes times. */
public final class Steps {
  /** Bounded retries on 409: a conflict means someone else writes too; the next pass sorts it out. */
  public static final int MAX_CONFLICT_RETRIES = 3;
  /** When the next step can run at once. */
  public static final Duration PROGRESS_DELAY = Duration.ofSeconds(1);
  /** How often to look at something that is not ready yet (a replacement, a workload that keeps changing). */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  private Steps() {}

  /** RFC 3339, to the second, as Kubernetes writes times. */
  public static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
