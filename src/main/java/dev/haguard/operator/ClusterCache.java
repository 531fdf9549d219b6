package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.snapshot.KeptFields;
import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
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
  /**
   * Objects per page of an informer's first LIST (and of each re-list), so that a 100k-pod cluster
   * is never sent in one response: the API server holds less, and a slow page times out alone.
   */
  static final long LIST_PAGE_SIZE = 500;

  private final List<InformerEventSource<? extends HasMetadata, ClusterPolicy>> sources = new ArrayList<>();

  /** Creates the informers; JOSDK calls this once, when the reconciler is registered. */
  List<EventSource<?, ClusterPolicy>> eventSources(EventSourceContext<ClusterPolicy> context) {
    sources.clear();
    for (ReadSet.Entry kind : ReadSet.ENTRIES) {
      sources.add(informer(context, kind));
    }
    return List.copyOf(sources);
  }

  private static InformerEventSource<? extends HasMetadata, ClusterPolicy> informer(
      EventSourceContext<ClusterPolicy> context, ReadSet.Entry entry) {
    return informer(context, entry.type(), entry.named());
  }

  private static <R extends HasMetadata> InformerEventSource<R, ClusterPolicy> informer(
      EventSourceContext<ClusterPolicy> context, Class<R> kind, ReadSet.Named named) {
    InformerEventSourceConfiguration.Builder<R> config =
        InformerEventSourceConfiguration.from(kind, ClusterPolicy.class)
            .withName(kind.getSimpleName())
            .withSecondaryToPrimaryMapper(object -> everyPolicy(context))
            // Never asked for (the snapshot lists the caches), and it spares JOSDK's index of
            // every object per policy.
            .withPrimaryToSecondaryMapper(policy -> Set.of())
            // Only the fields the analysis reads are cached (the read-set's kept fields); the objects
            // stay typed, so a snapshot reads them as they are, with no decoding per reconcile.
            .withItemStore(itemStore(kind));
    return new InformerEventSource<>(ClusterCache.<R>scope(named).apply(config).build(), context);
  }

  /**
   * The item store of the informer on {@code kind}: the kept fields of each object. It interns the
   * namespace before the transformation, as {@link TransformingItemStore} sets the decoded object's
   * own name, namespace and resourceVersion on the transformed one.
   */
  static <R extends HasMetadata> TransformingItemStore<R> itemStore(Class<R> kind) {
    return new TransformingItemStore<>(KeptFields.of(kind)) {
      @Override
      public R put(String key, R obj) {
        obj.getMetadata().setNamespace(obj.getMetadata().getNamespace() == null ? null
            : obj.getMetadata().getNamespace().intern());
        return super.put(key, obj);
      }
    };
  }

  /** Cluster-wide, or only the named objects the read-set asks for (by name, or a Service's by label). */
  private static <R extends HasMetadata> UnaryOperator<InformerEventSourceConfiguration.Builder<R>> scope(
      ReadSet.Named named) {
    if (named == null) {
      return c -> c.withWatchAllNamespaces().withInformerListLimit(LIST_PAGE_SIZE);
    } else if (named.ofService()) {
      return c -> c.withNamespaces(named.namespace()).withLabelSelector(named.serviceLabelSelector());
    }
    return c -> c.withNamespaces(named.namespace()).withFieldSelector(named(named.name()));
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
