package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects the analysis reads, indexed once so that no rule scans all pods per pod.
 *
 * <p>Built from files ({@code audit -f}), from paginated LISTs or from informer caches; the
 * objects are referenced, not copied. Objects annotated {@code haguard.dev/ignore: "true"} are
 * left out here, so that every rule skips them.
 */
public final class ClusterSnapshot {
  public static final String IGNORE_ANNOTATION = "haguard.dev/ignore";

  private final List<Node> nodes;
  private final List<Pod> pods;
  private final List<Deployment> deployments;
  private final List<ReplicaSet> replicaSets;
  private final List<StatefulSet> statefulSets;
  private final List<DaemonSet> daemonSets;
  private final List<Job> jobs;
  private final List<CronJob> cronJobs;
  private final List<PersistentVolume> persistentVolumes;
  private final List<PersistentVolumeClaim> persistentVolumeClaims;
  private final List<StorageClass> storageClasses;
  private final List<PodDisruptionBudget> podDisruptionBudgets;
  private final Endpoints kubernetesEndpoints;
  private final List<EndpointSlice> kubernetesEndpointSlices;
  private final ConfigMap clusterInfo;
  private final ApiEndpoint apiEndpoint;
  private final EtcdObservation etcdProbe;
  private final Map<String, RegistryAnswer> registryAnswers;

  private final Map<String, Node> nodesByName;
  private final Map<String, PersistentVolume> pvsByName;
  private final Map<String, PersistentVolumeClaim> pvcsByKey;
  private final Map<String, StorageClass> storageClassesByName;
  private final Map<String, List<Pod>> podsByPvcKey;
  private final Map<String, Workload> workloadsByKey;

  private ClusterSnapshot(Builder b) {
    nodes = List.copyOf(b.nodes);
    pods = List.copyOf(b.pods);
    deployments = List.copyOf(b.deployments);
    replicaSets = List.copyOf(b.replicaSets);
    statefulSets = List.copyOf(b.statefulSets);
    daemonSets = List.copyOf(b.daemonSets);
    jobs = List.copyOf(b.jobs);
    cronJobs = List.copyOf(b.cronJobs);
    persistentVolumes = List.copyOf(b.persistentVolumes);
    persistentVolumeClaims = List.copyOf(b.persistentVolumeClaims);
    storageClasses = List.copyOf(b.storageClasses);
    podDisruptionBudgets = List.copyOf(b.podDisruptionBudgets);
    kubernetesEndpoints = b.kubernetesEndpoints;
    kubernetesEndpointSlices = List.copyOf(b.kubernetesEndpointSlices);
    clusterInfo = b.clusterInfo;
    apiEndpoint = b.apiEndpoint;
    etcdProbe = b.etcdProbe;
    registryAnswers = Map.copyOf(b.registryAnswers);

    nodesByName = byName(nodes);
    pvsByName = byName(persistentVolumes);
    storageClassesByName = byName(storageClasses);
    pvcsByKey = new HashMap<>();
    for (PersistentVolumeClaim pvc : persistentVolumeClaims) {
      pvcsByKey.put(key(pvc.getMetadata().getNamespace(), pvc.getMetadata().getName()), pvc);
    }
    podsByPvcKey = new HashMap<>();
    for (Pod pod : pods) {
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
        List.of(deployments, statefulSets, daemonSets, cronJobs, replicaSets, jobs), pods);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The owner reference marked {@code controller: true}, if any. */
  public static Optional<OwnerReference> controllerOf(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
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

  public List<Node> nodes() {
    return nodes;
  }

  public List<Pod> pods() {
    return pods;
  }

  public List<Deployment> deployments() {
    return deployments;
  }

  public List<ReplicaSet> replicaSets() {
    return replicaSets;
  }

  public List<StatefulSet> statefulSets() {
    return statefulSets;
  }

  public List<DaemonSet> daemonSets() {
    return daemonSets;
  }

  public List<Job> jobs() {
    return jobs;
  }

  public List<CronJob> cronJobs() {
    return cronJobs;
  }

  public List<PersistentVolume> persistentVolumes() {
    return persistentVolumes;
  }

  public List<PersistentVolumeClaim> persistentVolumeClaims() {
    return persistentVolumeClaims;
  }

  public List<StorageClass> storageClasses() {
    return storageClasses;
  }

  /** The PodDisruptionBudgets (policy/v1) of every namespace. */
  public List<PodDisruptionBudget> podDisruptionBudgets() {
    return podDisruptionBudgets;
  }

  /** The Endpoints default/kubernetes: the apiservers' advertised addresses. */
  public Optional<Endpoints> kubernetesEndpoints() {
    return Optional.ofNullable(kubernetesEndpoints);
  }

  /** The EndpointSlices of service default/kubernetes. */
  public List<EndpointSlice> kubernetesEndpointSlices() {
    return kubernetesEndpointSlices;
  }

  /** ConfigMap kube-public/cluster-info, whose kubeconfig names the server URL clients use. */
  public Optional<ConfigMap> clusterInfo() {
    return Optional.ofNullable(clusterInfo);
  }

  /** The apiserver endpoint from cluster-info and what its host resolved to when the snapshot was taken. */
  public Optional<ApiEndpoint> apiEndpoint() {
    return Optional.ofNullable(apiEndpoint);
  }

  /** What etcd itself answered when probed directly; empty when no probe ran. */
  public Optional<EtcdObservation> etcdProbe() {
    return Optional.ofNullable(etcdProbe);
  }

  /** What a registry last said about {@code image} (as written in the manifest), if it was asked. */
  public Optional<RegistryAnswer> registryAnswer(String image) {
    return Optional.ofNullable(registryAnswers.get(image));
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(name == null ? null : nodesByName.get(name));
  }

  public Optional<PersistentVolume> persistentVolume(String name) {
    return Optional.ofNullable(name == null ? null : pvsByName.get(name));
  }

  public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
    return Optional.ofNullable(pvcsByKey.get(key(namespace, name)));
  }

  public Optional<StorageClass> storageClass(String name) {
    return Optional.ofNullable(name == null ? null : storageClassesByName.get(name));
  }

  /** The pods that mount the claim {@code namespace/name}. */
  public List<Pod> podsUsingClaim(String namespace, String name) {
    return podsByPvcKey.getOrDefault(key(namespace, name), List.of());
  }

  /** Every top-level workload with its pods, bare pods included. */
  public Collection<Workload> workloads() {
    return Collections.unmodifiableCollection(workloadsByKey.values());
  }

  /**
   * Collects objects by kind; objects of kinds the analysis does not read are ignored. An object
   * added twice (the same uid, or without one the same kind, namespace and name: two dumps of one
   * cluster) is kept once, the newer resourceVersion winning.
   */
  public static final class Builder {
    private final Map<String, Slot> slots = new HashMap<>();
    private int duplicatesMerged;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Deployment> deployments = new ArrayList<>();
    private final List<ReplicaSet> replicaSets = new ArrayList<>();
    private final List<StatefulSet> statefulSets = new ArrayList<>();
    private final List<DaemonSet> daemonSets = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private final List<CronJob> cronJobs = new ArrayList<>();
    private final List<PersistentVolume> persistentVolumes = new ArrayList<>();
    private final List<PersistentVolumeClaim> persistentVolumeClaims = new ArrayList<>();
    private final List<StorageClass> storageClasses = new ArrayList<>();
    private final List<PodDisruptionBudget> podDisruptionBudgets = new ArrayList<>();
    private final List<EndpointSlice> kubernetesEndpointSlices = new ArrayList<>();
    private final Set<String> ignoredUids = new HashSet<>();
    private Endpoints kubernetesEndpoints;
    private ConfigMap clusterInfo;
    private ApiEndpoint apiEndpoint;
    private EtcdObservation etcdProbe;
    private final Map<String, RegistryAnswer> registryAnswers = new HashMap<>();

    private Builder() {}

    /** Adds one object; returns false when its kind (or, for Endpoints and ConfigMaps, its name) is not read. */
    public boolean add(HasMetadata o) {
      if (o == null || o.getMetadata() == null) {
        return false;
      }
      if (isIgnored(o)) {
        if (o.getMetadata().getUid() != null) {
          ignoredUids.add(o.getMetadata().getUid());
        }
        return true;
      }
      if (!ReadSet.of(o.getClass()).map(kind -> kind.reads(o)).orElse(false)) {
        return false;
      }
      if (o instanceof Pod p) {
        return addOnce(pods, p);
      } else if (o instanceof Node n) {
        return addOnce(nodes, n);
      } else if (o instanceof Deployment d) {
        return addOnce(deployments, d);
      } else if (o instanceof ReplicaSet r) {
        return addOnce(replicaSets, r);
      } else if (o instanceof StatefulSet s) {
        return addOnce(statefulSets, s);
      } else if (o instanceof DaemonSet d) {
        return addOnce(daemonSets, d);
      } else if (o instanceof Job j) {
        return addOnce(jobs, j);
      } else if (o instanceof CronJob c) {
        return addOnce(cronJobs, c);
      } else if (o instanceof PersistentVolume pv) {
        return addOnce(persistentVolumes, pv);
      } else if (o instanceof PersistentVolumeClaim pvc) {
        return addOnce(persistentVolumeClaims, pvc);
      } else if (o instanceof StorageClass sc) {
        return addOnce(storageClasses, sc);
      } else if (o instanceof PodDisruptionBudget pdb) {
        return addOnce(podDisruptionBudgets, pdb);
      } else if (o instanceof Endpoints e) {
        kubernetesEndpoints = e;
        return true;
      } else if (o instanceof EndpointSlice s) {
        return addOnce(kubernetesEndpointSlices, s);
      } else if (o instanceof ConfigMap c) {
        clusterInfo = c;
        return true;
      }
      return false;
    }

    /** How many objects were added again (by identity) and merged into the one kept. */
    public int duplicatesMerged() {
      return duplicatesMerged;
    }

    /** Adds {@code o} to {@code list}, or replaces the copy there when {@code o} is newer. */
    private <T extends HasMetadata> boolean addOnce(List<T> list, T o) {
      String identity = identity(o);
      Slot slot = slots.get(identity);
      if (slot == null) {
        slots.put(identity, new Slot(list.size(), o.getMetadata().getResourceVersion()));
        return list.add(o);
      }
      duplicatesMerged++;
      if (isNewer(o.getMetadata().getResourceVersion(), slot.resourceVersion())) {
        list.set(slot.index(), o);
        slots.put(identity, new Slot(slot.index(), o.getMetadata().getResourceVersion()));
      }
      return true;
    }

    private static String identity(HasMetadata o) {
      String uid = o.getMetadata().getUid();
      // The kind is part of the key even with a uid: generated dumps reuse a uid across kinds, and
      // one identity must never point into two kinds' lists.
      return uid != null && !uid.isBlank()
          ? o.getKind() + "/uid:" + uid
          : o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    /** Numeric resourceVersions (etcd's revisions) compare as numbers; otherwise the later read wins. */
    private static boolean isNewer(String candidate, String kept) {
      try {
        return Long.parseLong(candidate) >= Long.parseLong(kept);
      } catch (NumberFormatException notNumbers) {
        return true;
      }
    }

    public Builder addAll(Collection<? extends HasMetadata> objects) {
      objects.forEach(this::add);
      return this;
    }

    public Builder apiEndpoint(ApiEndpoint endpoint) {
      this.apiEndpoint = endpoint;
      return this;
    }

    /** The etcd probe's result (the probe runs in an adapter; the snapshot only carries what it saw). */
    /** Records what a registry said about {@code image}, for the rules that read registry facts. */
    public Builder registryAnswer(String image, RegistryAnswer answer) {
      registryAnswers.put(image, answer);
      return this;
    }

    public Builder etcdProbe(EtcdObservation observation) {
      this.etcdProbe = observation;
      return this;
    }

    /** The cluster-info ConfigMap added so far, so that an adapter can resolve its endpoint before building. */
    public Optional<ConfigMap> clusterInfo() {
      return Optional.ofNullable(clusterInfo);
    }

    public ClusterSnapshot build() {
      dropDescendantsOfIgnored();
      return new ClusterSnapshot(this);
    }

    /**
     * An ignored Deployment's ReplicaSets and pods are ignored too (and a CronJob's Jobs and their
     * pods): otherwise the rules would report them under the very owner the user asked to skip.
     */
    private void dropDescendantsOfIgnored() {
      if (ignoredUids.isEmpty()) {
        return;
      }
      for (List<? extends HasMetadata> middle : List.of(replicaSets, jobs)) {
        middle.removeIf(o -> {
          boolean ignored = controllerOf(o).map(r -> ignoredUids.contains(r.getUid())).orElse(false);
          if (ignored && o.getMetadata().getUid() != null) {
            ignoredUids.add(o.getMetadata().getUid());
          }
          return ignored;
        });
      }
      pods.removeIf(p -> controllerOf(p).map(r -> ignoredUids.contains(r.getUid())).orElse(false));
    }

    /** Where an object sits in its kind's list, and the resourceVersion it was read with. */
    private record Slot(int index, String resourceVersion) {}

    private static boolean isIgnored(HasMetadata o) {
      Map<String, String> annotations = o.getMetadata().getAnnotations();
      return annotations != null && "true".equals(annotations.get(IGNORE_ANNOTATION));
    }
  }
}
