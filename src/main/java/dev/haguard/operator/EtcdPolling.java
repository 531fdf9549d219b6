package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.EtcdObservation;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Probes etcd for each policy with {@code spec.etcd.endpoints} off the reconcile threads: a JOSDK
 * {@link PerResourcePollingEventSource} runs the probes on its own threads, keeps each policy's
 * latest reading, and triggers a reconcile of the policy when a reading differs from the one before.
 * A reconcile only {@linkplain #latest reads} it, so a hung etcd slows the probe, never the status.
 *
 * <p>Each policy's poll wakes at least every {@link #TARGET_CHECK} and probes when the last reading
 * is {@code interval} old, or at once when the policy's endpoints or Secret changed: a reading is
 * kept under its {@link EtcdProbes.Target}, so a reconcile never takes one of another target for its
 * own. Until the first reading of its target, a policy's status shows nothing of the probe.
 */
final class EtcdPolling {
  /** How soon an edited {@code spec.etcd} is probed at the latest (the poll between two probes is a lookup). */
  static final Duration TARGET_CHECK = Duration.ofSeconds(1);
  private static final int PROBE_THREADS = 2;

  private final EtcdProbes probes;
  private final Duration interval;
  private volatile Source source;

  /** @param interval how long a reading stays current; the next probe of its target starts after it */
  EtcdPolling(EtcdProbes probes, Duration interval) {
    this.probes = probes;
    this.interval = interval;
  }

  /**
   * What etcd answered for {@code policy}'s current target, or empty when it names no endpoints or
   * its target has not been probed yet. Reads the event source's cache; never probes (JOSDK's own
   * {@code getSecondaryResources} would probe on the reconcile thread when the cache is empty).
   */
  Optional<EtcdObservation> latest(ClusterPolicy policy, Policy resolved) {
    Source polling = source;
    return EtcdProbes.Target.of(resolved).flatMap(target -> polling == null ? Optional.empty()
        : polling.reading(ResourceID.fromResource(policy), target)).map(Reading::observation);
  }

  /** The event source; JOSDK calls this once, when the reconciler is registered, and stops it with the operator. */
  EventSource<?, ClusterPolicy> eventSource(EventSourceContext<ClusterPolicy> context) {
    ScheduledExecutorService threads = Executors.newScheduledThreadPool(PROBE_THREADS, runnable -> {
      Thread thread = new Thread(runnable, "haguard-etcd-probe");
      thread.setDaemon(true);
      return thread;
    });
    source = new Source(context, new PerResourcePollingConfigurationBuilder<Reading, ClusterPolicy, EtcdProbes.Target>(
        new Fetcher(), interval)
        .withName("EtcdProbe")
        .withExecutorService(threads)
        .withResourceIDMapper(Reading::target)
        .withRegisterPredicate(policy -> target(policy).isPresent())
        .build());
    return source;
  }

  private static Optional<EtcdProbes.Target> target(ClusterPolicy policy) {
    try {
      return EtcdProbes.Target.of(PolicyResolver.resolve(policy));
    } catch (InvalidPolicyException e) {
      return Optional.empty(); // the reconcile reports the spec; nothing to probe
    }
  }

  /**
   * One probe's answer, for the target it asked. When it was taken is no change of its own: two
   * readings are equal when etcd said the same, so an unchanged etcd triggers no reconcile.
   */
  record Reading(EtcdProbes.Target target, EtcdObservation observation, long takenAtNanos) {
    boolean olderThan(Duration age) {
      return System.nanoTime() - takenAtNanos >= age.toNanos();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Reading r && target.equals(r.target) && observation.equals(r.observation);
    }

    @Override
    public int hashCode() {
      return Objects.hash(target, observation);
    }
  }

  /** Called by each poll of a policy: the last reading while it is current, else a new probe. */
  private final class Fetcher implements PerResourcePollingEventSource.ResourceFetcher<Reading, ClusterPolicy> {
    @Override
    public Set<Reading> fetchResources(ClusterPolicy policy) {
      Optional<EtcdProbes.Target> target = target(policy);
      if (target.isEmpty()) {
        return Set.of(); // endpoints removed: the reading goes, and the reconcile it triggers shows it
      }
      Optional<Reading> last = source.reading(ResourceID.fromResource(policy), target.get());
      if (last.isPresent() && !last.get().olderThan(interval)) {
        return Set.of(last.get());
      }
      return Set.of(new Reading(target.get(), probes.probe(target.get()), System.nanoTime()));
    }

    /** The first poll at once; then when the reading is due, but at least every {@link #TARGET_CHECK}. */
    @Override
    public Optional<Duration> fetchDelay(Set<Reading> fetched, ClusterPolicy policy) {
      if (fetched == null) {
        return Optional.of(Duration.ZERO);
      }
      Duration untilDue = fetched.stream().findFirst()
          .map(r -> interval.minusNanos(System.nanoTime() - r.takenAtNanos()))
          .orElse(TARGET_CHECK);
      if (untilDue.isNegative()) {
        return Optional.of(Duration.ZERO);
      }
      return Optional.of(untilDue.compareTo(TARGET_CHECK) < 0 ? untilDue : TARGET_CHECK);
    }
  }

  /**
   * JOSDK's polling source, registering policies only while it runs: JOSDK starts the policies'
   * informer first and tells this source of each policy it lists, and a poll that comes due before
   * this source has started is dropped for good (never rescheduled). So the policies known at start
   * are registered then. Registration is synchronized so that start and the informer's thread never
   * register one policy twice.
   */
  private static final class Source extends PerResourcePollingEventSource<Reading, ClusterPolicy, EtcdProbes.Target> {
    private final Cache<ClusterPolicy> policies;

    Source(EventSourceContext<ClusterPolicy> context,
        PerResourcePollingConfiguration<Reading, ClusterPolicy, EtcdProbes.Target> configuration) {
      super(Reading.class, context, configuration);
      policies = context.getPrimaryCache();
    }

    Optional<Reading> reading(ResourceID policy, EtcdProbes.Target target) {
      return Optional.ofNullable(getCache().getOrDefault(policy, Map.of()).get(target));
    }

    @Override
    public synchronized void start() {
      super.start();
      policies.list().forEach(super::onResourceCreated);
    }

    @Override
    public synchronized void onResourceCreated(ClusterPolicy policy) {
      if (isRunning()) {
        super.onResourceCreated(policy);
      }
    }

    @Override
    public synchronized void onResourceUpdated(ClusterPolicy policy, ClusterPolicy old) {
      if (isRunning()) {
        super.onResourceUpdated(policy, old);
      }
    }
  }
}
