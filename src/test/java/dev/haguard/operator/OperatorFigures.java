package dev.haguard.operator;

import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.bench.Figure;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.snapshot.SyntheticCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Figures 3 and 5: the real operator (standard rules, production JOSDK settings, no Lease) against
 * the embedded API server holding a generated cluster in Deployments of {@value #REPLICAS} pods:
 * at {@value #PODS} pods start-up, the heap its informer caches take, a burst of pod updates and
 * 60 s of quiet; at {@value #LARGE_PODS} pods start-up and the heap again. Requests are counted at
 * the server.
 */
public final class OperatorFigures {
  static final int PODS = 10_000;
  static final int LARGE_PODS = 100_000;
  static final int REPLICAS = 5;
  static final int QUIET_SECONDS = 60;
  /** Pod updates in the burst: one for each pod. */
  static final int BURST = PODS;
  /** Every tenth update of the burst switches a pod to a {@code :latest} image: a change the status shows. */
  static final int FINDING_EVERY = 10;
  /** Requests in flight during the burst, as many controllers (kubelets, the scheduler) would send. */
  static final int BURST_SENDERS = 8;
  static final double MAX_BYTES_PER_POD = 4096;
  static final long STABLE_HEAP_BYTES = 1 << 20;

  private OperatorFigures() {}

  public static List<Figure> measure() throws Exception {
    List<Figure> figures = new ArrayList<>(measure(PODS, "operator", true));
    figures.addAll(measure(LARGE_PODS, "operator." + LARGE_PODS, false));
    return figures;
  }

  private static List<Figure> measure(int podCount, String prefix, boolean withBurst) throws Exception {
    List<Figure> figures = new ArrayList<>();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      long seedStart = System.nanoTime();
      Seeded seeded = seed(cluster, podCount);
      cluster.client().resource(OperatorFixtures.policy("default")).create();
      OperatorFixtures.drain(cluster.server());
      figures.add(Figure.info(prefix + ".seed.s", (System.nanoTime() - seedStart) / 1e9, "s",
          seeded.objects() + " objects created in the embedded server (not the operator's cost)"));
      long heapBefore = heapAfterGc();
      System.err.printf("bench: seeded %d pods, %d Deployments%n", seeded.pods().size(), seeded.deployments());

      long start = System.nanoTime();
      HaguardOperator operator = new HaguardOperator(cluster.client(), OperatorSettings.defaults().withoutHttp());
      try {
        operator.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> settled(cluster));
        double startSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = settledHeapAfterGc();
        figures.add(Figure.info(prefix + ".start-to-status.s", startSeconds, "s", podCount + " pods, "
            + seeded.deployments() + " Deployments: start, LIST every kind, first status written"));
        figures.add(Figure.info(prefix + ".cache.heap", (heapAfter - heapBefore) / 1e6, "MB",
            "heap after GC with the caches full minus before the operator started"));
        figures.add(Figure.atMost(prefix + ".cache.bytes-per-pod", (heapAfter - heapBefore) / (double) podCount, "B",
            MAX_BYTES_PER_POD, "all informer caches (Deployments, ReplicaSets, nodes... included) over the pod count"));
        if (withBurst) {
          figures.addAll(burst(cluster, operator, seeded.pods()));
        }
      } finally {
        operator.close();
      }
    }
    return figures;
  }

  /** The burst, then quiet: reconciles, status writes, settling time, and writes while nothing happens. */
  private static List<Figure> burst(EmbeddedCluster cluster, HaguardOperator operator, List<Pod> pods)
      throws Exception {
    ConcurrentLinkedQueue<Long> statusChanges = new ConcurrentLinkedQueue<>();
    var watch = cluster.client().resources(ClusterPolicy.class).withName("default").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ClusterPolicy resource) {
        statusChanges.add(System.nanoTime());
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
    OperatorFixtures.drain(cluster.server());
    double reconcilesBefore = OperatorHarness.reconciles(operator);
    double updatedBefore = updatedReconciles(operator);
    long burstStart = System.nanoTime();
    ForkJoinPool senders = new ForkJoinPool(BURST_SENDERS);
    senders.submit(() -> IntStream.range(0, BURST).parallel().forEach(i -> {
      Pod pod = pods.get(i % pods.size());
      String patch = i % FINDING_EVERY == 0
          ? "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"registry.example.com/burst:latest\"}]"
          : "[{\"op\":\"add\",\"path\":\"/metadata/labels/burst\",\"value\":\"" + i + "\"}]";
      cluster.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON), patch);
    })).get();
    senders.shutdown();
    long burstEnd = System.nanoTime();
    System.err.printf("bench: burst of %d pod updates sent in %.1f s%n", BURST, (burstEnd - burstStart) / 1e9);
    double burstSeconds = (burstEnd - burstStart) / 1e9;
    // Settled: no reconcile for 5 s (JOSDK runs at most one per second while events keep coming).
    double[] last = {OperatorHarness.reconciles(operator)};
    long[] since = {System.nanoTime()};
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
      double now = OperatorHarness.reconciles(operator);
      if (now != last[0]) {
        last[0] = now;
        since[0] = System.nanoTime();
      }
      return System.nanoTime() - since[0] > 5_000_000_000L;
    });
    List<RecordedRequest> during = OperatorFixtures.drain(cluster.server());
    long statusWrites = during.stream()
        .filter(r -> !"GET".equals(r.getMethod()) && r.getPath().contains("/clusterpolicies/default/status")).count();
    double reconciles = OperatorHarness.reconciles(operator) - reconcilesBefore;
    double changed = updatedReconciles(operator) - updatedBefore;
    long lastChange = statusChanges.stream().mapToLong(Long::longValue).max().orElse(burstEnd);
    double settle = Math.max(0, (lastChange - burstEnd) / 1e9);

    Thread.sleep(QUIET_SECONDS * 1000L);
    List<RecordedRequest> quiet = OperatorFixtures.drain(cluster.server());
    watch.close();
    return List.of(
        Figure.info("operator.burst.updates", BURST, "", "pod patches; every " + FINDING_EVERY
            + "th switches the image to :latest, the rest add a label"),
        Figure.info("operator.burst.s", burstSeconds, "s", "how long sending the burst took"),
        Figure.atMost("operator.burst.reconciles", reconciles, "", Math.floor(burstSeconds) + 1 + 1,
            "reconciles from the burst's start until 5 s without one; target: 1 per second of burst, plus 1"),
        Figure.atMost("operator.burst.status-writes", statusWrites, "", changed,
            "PATCH/PUT of the status; target: at most the reconciles whose status changed (" + (long) changed + ")"),
        Figure.below("operator.burst.settle.s", settle, "s", 2,
            "from the burst's last update until the last status change"),
        Figure.exactly("operator.quiet.writes", OperatorFixtures.writes(quiet).size(), "", 0,
            QUIET_SECONDS + " s with no change: requests other than GET at the server"),
        Figure.info("operator.quiet.requests", quiet.size(), "", "every request in those " + QUIET_SECONDS + " s"));
  }

  /**
   * Creates the generated cluster (no Services: the operator does not watch them) as the demo does:
   * owners first, owner references pointed at the uids the server gave.
   */
  private static Seeded seed(EmbeddedCluster cluster, int podCount) {
    List<HasMetadata> objects = new ArrayList<>();
    SyntheticCluster.withPods(podCount).withReplicas(REPLICAS).forEach(o -> {
      if (!(o instanceof Service)) {
        objects.add(o);
      }
    });
    cluster.seed(objects);
    List<Pod> pods = objects.stream()
        .filter(o -> o instanceof Pod p && p.getMetadata().getOwnerReferences() != null
            && !"kube-system".equals(p.getMetadata().getNamespace()))
        .map(Pod.class::cast).toList();
    long deployments = objects.stream().filter(Deployment.class::isInstance).count();
    return new Seeded(objects.size(), pods, deployments);
  }

  private record Seeded(int objects, List<Pod> pods, long deployments) {}

  private static boolean settled(EmbeddedCluster cluster) {
    ClusterPolicy p = cluster.client().resources(ClusterPolicy.class).withName("default").get();
    return p != null && p.getStatus() != null && p.getStatus().summary() != null;
  }

  private static double updatedReconciles(HaguardOperator operator) {
    var counter = operator.meterRegistry().find("haguard.reconciles").tag("outcome", "updated").counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * Heap after GC once it stops changing. The embedded server sends every stored object again as
   * ADDED when a watch opens (a real one sends only what is newer), and the informers may still be
   * digesting that replay when the first status is written.
   */
  private static long settledHeapAfterGc() {
    long[] last = {heapAfterGc()};
    await().pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofMinutes(2))
        .until(() -> {
          long now = heapAfterGc();
          boolean stable = Math.abs(now - last[0]) < STABLE_HEAP_BYTES;
          last[0] = now;
          return stable;
        });
    return last[0];
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
