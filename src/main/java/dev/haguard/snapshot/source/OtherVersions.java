package dev.haguard.snapshot.source;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Objects of kinds the analysis reads, in versions it does not read (policy/v1beta1
 * PodDisruptionBudget, extensions/v1beta1 Deployment): skipped, and counted to be said once. They
 * are not read as the version the analysis knows: fields it keeps mean other things there (an empty
 * selector of a policy/v1beta1 budget selects no pod, of a policy/v1 one every pod; an extensions
 * Deployment without a selector takes its template's labels), and the versions left the API
 * server's years ago (apps in 1.16, policy/v1beta1 in 1.25): a dump that holds them is old, and one
 * taken today has none.
 */
final class OtherVersions {
  /** By "apiVersion kind": how many, and the apiVersion read instead. */
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Map<String, String> readInstead = new TreeMap<>();

  /** Counts an object skipped for its kind's version, when it is one ({@link SnapshotKinds#versionReadInstead}). */
  void skipped(String apiVersion, String kind) {
    SnapshotKinds.versionReadInstead(apiVersion, kind).ifPresent(read -> {
      counts.merge(apiVersion + " " + kind, 1, Integer::sum);
      readInstead.put(apiVersion + " " + kind, read);
    });
  }

  /** What was skipped, e.g. {@code 2 objects skipped, of versions haguard does not read: policy/v1beta1 PodDisruptionBudget (2; it reads policy/v1)}. */
  Optional<String> note() {
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    int all = counts.values().stream().mapToInt(Integer::intValue).sum();
    return Optional.of(all + (all == 1 ? " object" : " objects") + " skipped, of versions haguard does not read: "
        + counts.entrySet().stream()
            .map(e -> e.getKey() + " (" + e.getValue() + "; it reads " + readInstead.get(e.getKey()) + ")")
            .collect(Collectors.joining(", ")));
  }
}
