package dev.haguard.snapshot.source;

import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;

/** What every snapshot source does last: resolve the apiserver endpoint of cluster-info, then build. */
public final class SnapshotSources {
  private SnapshotSources() {}

  public static ClusterSnapshot build(ClusterSnapshot.Builder builder, HostResolver resolver) {
    builder.clusterInfo().flatMap(info -> ApiEndpoints.resolve(info, resolver)).ifPresent(builder::apiEndpoint);
    return builder.build();
  }
}
