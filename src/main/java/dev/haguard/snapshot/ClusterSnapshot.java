package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects the analysis reads, with lookups indexed once ({@link SnapshotIndex}).
 *
 * <p>Built from files ({@code audit -f}), from paginated LISTs or from informer caches; the
 * objects are referenced, not copied. Objects annotated {@code haguard.dev/ignore: "true"} are
 * left out by the builder, so that every rule skips them.
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

  private final SnapshotIndex index;

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

    index = new SnapshotIndex(this);
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
    return index.node(name);
  }

  public Optional<PersistentVolume> persistentVolume(String name) {
    return index.persistentVolume(name);
  }

  public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
    return index.persistentVolumeClaim(namespace, name);
  }

  public Optional<StorageClass> storageClass(String name) {
    return index.storageClass(name);
  }

  /** The pods that mount the claim {@code namespace/name}. */
  public List<Pod> podsUsingClaim(String namespace, String name) {
    return index.podsUsingClaim(namespace, name);
  }

  /** Every top-level workload with its pods, bare pods included. */
  public Collection<Workload> workloads() {
    return index.workloads();
  }

  /**
   * Routes objects to their kind's list: kinds (and named objects) outside the {@link ReadSet} are
   * not kept, an object added twice is kept once ({@link ObjectSlots}), and ignored ones are left
   * out ({@link IgnoredObjects}).
   */
  public static final class Builder {
    private final ObjectSlots slots = new ObjectSlots();
    private final IgnoredObjects ignored = new IgnoredObjects();
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
      if (ignored.skip(o)) {
        return true;
      }
      if (!ReadSet.of(o.getClass()).map(kind -> kind.reads(o)).orElse(false)) {
        return false;
      }
      if (o instanceof Pod p) {
        return slots.addOnce(pods, p);
      } else if (o instanceof Node n) {
        return slots.addOnce(nodes, n);
      } else if (o instanceof Deployment d) {
        return slots.addOnce(deployments, d);
      } else if (o instanceof ReplicaSet r) {
        return slots.addOnce(replicaSets, r);
      } else if (o instanceof StatefulSet s) {
        return slots.addOnce(statefulSets, s);
      } else if (o instanceof DaemonSet d) {
        return slots.addOnce(daemonSets, d);
      } else if (o instanceof Job j) {
        return slots.addOnce(jobs, j);
      } else if (o instanceof CronJob c) {
        return slots.addOnce(cronJobs, c);
      } else if (o instanceof PersistentVolume pv) {
        return slots.addOnce(persistentVolumes, pv);
      } else if (o instanceof PersistentVolumeClaim pvc) {
        return slots.addOnce(persistentVolumeClaims, pvc);
      } else if (o instanceof StorageClass sc) {
        return slots.addOnce(storageClasses, sc);
      } else if (o instanceof PodDisruptionBudget pdb) {
        return slots.addOnce(podDisruptionBudgets, pdb);
      } else if (o instanceof Endpoints e) {
        kubernetesEndpoints = e;
        return true;
      } else if (o instanceof EndpointSlice s) {
        return slots.addOnce(kubernetesEndpointSlices, s);
      } else if (o instanceof ConfigMap c) {
        clusterInfo = c;
        return true;
      }
      return false;
    }

    /** How many objects were added again (by identity) and merged into the one kept. */
    public int duplicatesMerged() {
      return slots.merged();
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
      ignored.dropDescendants(replicaSets, jobs, pods);
      return new ClusterSnapshot(this);
    }

  }
}
