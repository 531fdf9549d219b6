package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lookups of a snapshot, built once from its lists, so that no rule scans all pods per pod. */
final class SnapshotIndex {
  private final Map<String, Node> nodesByName;
  private final Map<String, PersistentVolume> pvsByName;
  private final Map<String, PersistentVolumeClaim> pvcsByKey = new HashMap<>();
  private final Map<String, StorageClass> storageClassesByName;
  private final Map<String, List<Pod>> podsByPvcKey = new HashMap<>();
  private final Map<String, Workload> workloadsByKey;

  SnapshotIndex(ClusterSnapshot s) {
    nodesByName = byName(s.nodes());
    pvsByName = byName(s.persistentVolumes());
    storageClassesByName = byName(s.storageClasses());
    for (PersistentVolumeClaim pvc : s.persistentVolumeClaims()) {
      pvcsByKey.put(key(pvc.getMetadata().getNamespace(), pvc.getMetadata().getName()), pvc);
    }
    for (Pod pod : s.pods()) {
      if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
        continue;
      }
      for (Volume v : pod.getSpec().getVolumes()) {
        if (v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName() != null) {
          podsByPvcKey
              .computeIfAbsent(key(pod.getMetadata().getNamespace(), v.getPersistentVolumeClaim().getClaimName()),
                  k -> new ArrayList<>())
              .add(pod);
        }
      }
    }
    workloadsByKey = WorkloadIndex.build(
        List.of(s.deployments(), s.statefulSets(), s.daemonSets(), s.cronJobs(), s.replicaSets(), s.jobs()), s.pods());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static <T extends HasMetadata> Map<String, T> byName(Collection<T> objects) {
    Map<String, T> map = new HashMap<>();
    for (T o : objects) {
      map.put(o.getMetadata().getName(), o);
    }
    return Collections.unmodifiableMap(map);
  }

  Optional<Node> node(String name) {
    return Optional.ofNullable(name == null ? null : nodesByName.get(name));
  }

  Optional<PersistentVolume> persistentVolume(String name) {
    return Optional.ofNullable(name == null ? null : pvsByName.get(name));
  }

  Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
    return Optional.ofNullable(pvcsByKey.get(key(namespace, name)));
  }

  Optional<StorageClass> storageClass(String name) {
    return Optional.ofNullable(name == null ? null : storageClassesByName.get(name));
  }

  List<Pod> podsUsingClaim(String namespace, String name) {
    return podsByPvcKey.getOrDefault(key(namespace, name), List.of());
  }

  Collection<Workload> workloads() {
    return Collections.unmodifiableCollection(workloadsByKey.values());
  }
}
