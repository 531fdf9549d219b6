package dev.haguard.snapshot.source;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds a snapshot reads, by apiVersion and kind, so that readers route an object before
 * binding it and never pay for binding the kinds the analysis ignores.
 */
public final class SnapshotKinds {
  /** Kinds read in full: every object of them matters. */
  public static final List<Class<? extends HasMetadata>> LISTED = List.of(
      Node.class, Pod.class, Deployment.class, ReplicaSet.class, StatefulSet.class, DaemonSet.class,
      Job.class, CronJob.class, PersistentVolume.class, PersistentVolumeClaim.class, StorageClass.class,
      PodDisruptionBudget.class);

  /** Kinds of which only named objects are read (Endpoints and slices of default/kubernetes, cluster-info). */
  public static final List<Class<? extends HasMetadata>> NAMED_ONLY =
      List.of(Endpoints.class, EndpointSlice.class, ConfigMap.class);

  private static final Map<String, Class<? extends HasMetadata>> BY_TYPE = new HashMap<>();

  static {
    for (List<Class<? extends HasMetadata>> kinds : List.of(LISTED, NAMED_ONLY)) {
      for (Class<? extends HasMetadata> type : kinds) {
        BY_TYPE.put(key(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)), type);
      }
    }
  }

  private SnapshotKinds() {}

  /** The model class to bind an object of {@code apiVersion}/{@code kind} to; empty when the analysis does not read it. */
  public static Optional<Class<? extends HasMetadata>> modelClass(String apiVersion, String kind) {
    return Optional.ofNullable(BY_TYPE.get(key(apiVersion, kind)));
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }
}
