package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
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
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The informers on every kind the analysis reads, and the snapshot built from their caches.
 *
 * <p>Any change maps to every ClusterPolicy: each policy reads the whole cluster. The mapper only
 * lists the (few) policy ids, so a burst of pod events costs a set per event, and JOSDK folds the
 * events of one policy into its next reconcile. The snapshot references the cached objects (no
 * copies, no LIST per reconcile).
 */
final class ClusterCache {
  /** Objects whose kinds {@link ClusterSnapshot} reads; the apiserver's own Endpoints and cluster-info only. */
  static final List<Class<? extends HasMetadata>> WATCHED_KINDS = List.of(
      Node.class, Pod.class, Deployment.class, ReplicaSet.class, StatefulSet.class, DaemonSet.class, Job.class,
      CronJob.class, PersistentVolume.class, PersistentVolumeClaim.class, StorageClass.class, PodDisruptionBudget.class,
      Endpoints.class, EndpointSlice.class, ConfigMap.class);

  /**
   * Objects per page of an informer's first LIST (and of each re-list), so that a 100k-pod cluster
   * is never sent in one response: the API server holds less, and a slow page times out alone.
   */
  static final long LIST_PAGE_SIZE = 500;

  private final List<InformerEventSource<? extends HasMetadata, ClusterPolicy>> sources = new ArrayList<>();

  /** Creates the informers; JOSDK calls this once, when the reconciler is registered. */
  List<EventSource<?, ClusterPolicy>> eventSources(EventSourceContext<ClusterPolicy> context) {
    sources.clear();
    for (Class<? extends HasMetadata> kind : WATCHED_KINDS) {
      sources.add(informer(context, kind));
    }
    return List.copyOf(sources);
  }

  private static <R extends HasMetadata> InformerEventSource<R, ClusterPolicy> informer(
      EventSourceContext<ClusterPolicy> context, Class<R> kind) {
    InformerEventSourceConfiguration.Builder<R> config =
        InformerEventSourceConfiguration.from(kind, ClusterPolicy.class)
            .withName(kind.getSimpleName())
            .withSecondaryToPrimaryMapper(object -> everyPolicy(context))
            // Never asked for (the snapshot lists the caches), and it spares JOSDK's index of
            // every object per policy.
            .withPrimaryToSecondaryMapper(policy -> Set.of())
            // Only the fields the analysis reads are cached (CachedForm); the objects stay typed, so
            // a snapshot reads them as they are, with no decoding per reconcile.
            .withItemStore(CachedForm.store(kind));
    return new InformerEventSource<>(scope(kind).apply(config).build(), context);
  }

  /** Cluster-wide, except the three single objects the apiserver rules read. */
  private static <R extends HasMetadata> UnaryOperator<InformerEventSourceConfiguration.Builder<R>> scope(
      Class<R> kind) {
    if (kind == Endpoints.class) {
      return c -> c.withNamespaces("default").withFieldSelector(named("kubernetes"));
    } else if (kind == EndpointSlice.class) {
      return c -> c.withNamespaces("default").withLabelSelector("kubernetes.io/service-name=kubernetes");
    } else if (kind == ConfigMap.class) {
      return c -> c.withNamespaces("kube-public").withFieldSelector(named("cluster-info"));
    }
    return c -> c.withWatchAllNamespaces().withInformerListLimit(LIST_PAGE_SIZE);
  }

  private static FieldSelector named(String name) {
    return new FieldSelector(new FieldSelector.Field("metadata.name", name));
  }

  private static Set<ResourceID> everyPolicy(EventSourceContext<ClusterPolicy> context) {
    return context.getPrimaryCache().keys().collect(Collectors.toSet());
  }

  /** True once every informer has listed its objects: a partial cache must never look like a lost etcd member. */
  boolean synced() {
    return !sources.isEmpty() && sources.stream()
        .flatMap(s -> s.informerHealthIndicators().values().stream())
        .allMatch(InformerHealthIndicator::hasSynced);
  }

  /**
   * The cluster as the caches hold it now, with the apiserver endpoint of cluster-info resolved; the
   * caller adds what the adapters learned (etcd probe, registry answers) and builds it.
   */
  ClusterSnapshot.Builder snapshot(HostResolver resolver) {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    for (InformerEventSource<? extends HasMetadata, ClusterPolicy> source : sources) {
      source.list().forEach(builder::add);
    }
    builder.clusterInfo().flatMap(info -> ApiEndpoints.resolve(info, resolver)).ifPresent(builder::apiEndpoint);
    return builder;
  }
}
