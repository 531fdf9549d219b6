package dev.haguard.snapshot;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a snapshot reads, declared once: the kinds, for each whether every object of it counts or
 * only a named few, and the fields kept of each object ({@link #kept}, declared in
 * {@link KeptFields}). The file reader, the live reader, the informers, the snapshot builder and
 * the RBAC test all take it from here, so a kind added here is read everywhere (and granted).
 */
public final class ReadSet {
  /** The label by which the EndpointSlices of a Service are found (they have generated names). */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /** One kind the snapshot reads: in every namespace, or only {@code named} objects. */
  public record Entry(Class<? extends HasMetadata> type, Named named) {
    public boolean clusterWide() {
      return named == null;
    }

    /** Whether the snapshot keeps {@code o}, an object of this kind. */
    public boolean reads(HasMetadata o) {
      return clusterWide() || named.matches(o);
    }
  }

  /**
   * The few objects of a kind that matter, in one namespace: the object {@code name}, or (when
   * {@code ofService}) the objects labelled as belonging to Service {@code name}.
   */
  public record Named(String namespace, String name, boolean ofService) {
    boolean matches(HasMetadata o) {
      if (!namespace.equals(o.getMetadata().getNamespace())) {
        return false;
      }
      if (!ofService) {
        return name.equals(o.getMetadata().getName());
      }
      Map<String, String> labels = o.getMetadata().getLabels();
      return labels != null && name.equals(labels.get(SERVICE_NAME_LABEL));
    }

    /** The label selector of {@code ofService} objects ({@code kubernetes.io/service-name=NAME}). */
    public String serviceLabelSelector() {
      return SERVICE_NAME_LABEL + "=" + name;
    }
  }

  /** Every kind read, the cluster-wide ones first. */
  public static final List<Entry> ENTRIES = List.of(
      everywhere(Node.class), everywhere(Pod.class), everywhere(Deployment.class), everywhere(ReplicaSet.class),
      everywhere(StatefulSet.class), everywhere(DaemonSet.class), everywhere(Job.class), everywhere(CronJob.class),
      everywhere(PersistentVolume.class), everywhere(PersistentVolumeClaim.class), everywhere(StorageClass.class),
      everywhere(PodDisruptionBudget.class),
      // The apiserver rules read how clients find the apiservers: the kubernetes Service's endpoints
      // (and slices) in default, and the server URL in cluster-info's kubeconfig.
      new Entry(Endpoints.class, new Named("default", "kubernetes", false)),
      new Entry(EndpointSlice.class, new Named("default", "kubernetes", true)),
      new Entry(ConfigMap.class, new Named("kube-public", "cluster-info", false)));

  private ReadSet() {}

  private static Entry everywhere(Class<? extends HasMetadata> type) {
    return new Entry(type, null);
  }

  /** Every kind read, as model classes. */
  public static List<Class<? extends HasMetadata>> kinds() {
    return ENTRIES.stream().<Class<? extends HasMetadata>>map(Entry::type).toList();
  }

  /** The kinds of which every object is read. */
  public static List<Class<? extends HasMetadata>> clusterWideKinds() {
    return ENTRIES.stream().filter(Entry::clusterWide).<Class<? extends HasMetadata>>map(Entry::type).toList();
  }

  /**
   * What a snapshot keeps of {@code o}, an object its reader decoded and owns: a new, trimmed object,
   * or {@code o} trimmed in place (the kinds kept whole but their bookkeeping). The file and live
   * readers apply it as they read, so that no whole object outlives its decoding; the informer
   * caches, which share what they decode, use {@link KeptFields#of}.
   */
  public static HasMetadata kept(HasMetadata o) {
    return KEPT_FORMS.get(o.getClass()).apply(o);
  }

  private static final ClassValue<UnaryOperator<HasMetadata>> KEPT_FORMS = new ClassValue<>() {
    @Override
    @SuppressWarnings("unchecked")
    protected UnaryOperator<HasMetadata> computeValue(Class<?> type) {
      return KeptFields.ofOwned((Class<HasMetadata>) type);
    }
  };

  /** The entry of {@code type}; empty when the snapshot does not read it. */
  public static Optional<Entry> of(Class<?> type) {
    return ENTRIES.stream().filter(e -> e.type() == type).findFirst();
  }
}
