package dev.haguard.remediation;

import java.util.Map;

/**
 * How to build the Deployment that replaces a bare pod: what the planner read about the pod, for the hand-off.
 *
 * @param readWriteOnce whether the pod mounts a ReadWriteOnce volume: the replacement gets the
 *                      Recreate strategy, and runs on the bare pod's node while both exist
 * @param nodeHostname  the {@link #HOSTNAME_LABEL} of the bare pod's node, null when unscheduled
 * @param digests       container name -> digest to pin at creation
 */
public record ReplacementOptions(boolean readWriteOnce, String nodeHostname, Map<String, String> digests) {
  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
  public static final ReplacementOptions NONE = new ReplacementOptions(false, null, Map.of());

  public ReplacementOptions {
    digests = Map.copyOf(digests);
  }
}
