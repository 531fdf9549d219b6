package dev.haguard.snapshot.source;

import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;

/**
 * What follows reading, whatever the source: resolve the apiserver endpoint of cluster-info (the
 * one DNS question, asked by the adapter before the pure analysis), then build the snapshot.
 */
public final class SnapshotSources {
  private SnapshotSources() {}

  public static ClusterSnapshot build(ClusterSnapshot.Builder builder, HostResolver resolver) {
    builder.clusterInfo().flatMap(info -> ApiEndpoints.resolve(info, resolver)).ifPresent(builder::apiEndpoint);
    return builder.build();
  }
}
