package dev.haguard.demo;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.operator.HaguardOperator;
import dev.haguard.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One demo: seeds the embedded cluster, runs the same operator as {@code haguard operator}
 * against it, and waits until the policy's status has settled: observed at its generation, and
 * unchanged for a quiet period. Registry lookups always go to {@link SimulatedRegistry}, whatever
 * the settings say: the demo never leaves the machine.
 */
public final class DemoRun {
  /** How long the status must stay unchanged to count as settled (reconciles are at most one a second). */
  public static final Duration QUIET = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(100);

  /**
   * @param policy   the policy as it was when the run ended
   * @param settled  false when the timeout came first
   * @param elapsed  from the operator's start to the end
   */
  public record Result(ClusterPolicy policy, boolean settled, Duration elapsed) {}

  private DemoRun() {}

  /**
   * @param simulateControllers whether to play the Deployment controller and the kubelet
   *                            ({@link SimulatedControllers}), which Enforce needs to get anywhere
   */
  public static Result run(EmbeddedCluster cluster, List<HasMetadata> objects, ClusterPolicy policy,
      OperatorSettings settings, Duration timeout, boolean simulateControllers) throws InterruptedException {
    cluster.seed(objects);
    cluster.seed(List.of(policy));
    long start = System.nanoTime();
    try (AutoCloseable controllers = simulateControllers ? SimulatedControllers.start(cluster.client()) : () -> { };
        HaguardOperator operator = new HaguardOperator(cluster.client(),
            settings.withRegistries(SimulatedRegistry::open))) {
      operator.start();
      return awaitSettled(cluster, policy.getMetadata().getName(), start, timeout);
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing the demo's simulation failed", e);
    }
  }

  private static Result awaitSettled(EmbeddedCluster cluster, String name, long start, Duration timeout)
      throws InterruptedException {
    String lastVersion = null;
    long lastChange = System.nanoTime();
    while (true) {
      ClusterPolicy current = cluster.client().resources(ClusterPolicy.class).withName(name).get();
      long now = System.nanoTime();
      if (!Objects.equals(lastVersion, current.getMetadata().getResourceVersion())) {
        lastVersion = current.getMetadata().getResourceVersion();
        lastChange = now;
      }
      boolean observed = current.getStatus() != null
          && Objects.equals(current.getStatus().observedGeneration(), current.getMetadata().getGeneration());
      Duration elapsed = Duration.ofNanos(now - start);
      if (observed && now - lastChange >= QUIET.toNanos()) {
        return new Result(current, true, elapsed);
      }
      if (elapsed.compareTo(timeout) >= 0) {
        return new Result(current, false, elapsed);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
