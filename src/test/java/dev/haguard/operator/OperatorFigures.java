package dev.haguard.operator;

import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.bench.Figure;
import dev.haguard.operator.demo.EmbeddedCluster;
import dev.haguard.snapshot.SyntheticCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
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
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Figures 3 and 5: the real operator (standard rules, production JOSDK settings, no Lease) against
 * the embedded API server holding a generated cluster of {@value #PODS} pods in Deployments of
 * {@value #REPLICAS}: start-up, a burst of pod updates, 60 s of quiet, and the heap its informer
 * caches take. Requests are counted at the server.
 */
public final class OperatorFigures {
  static final int PODS = 10_000;
  static final int REPLICAS = 5;
  static final int QUIET_SECONDS = 60;
  /**
   * Pod updates in the burst. Not 10,000: the embedded server's CRUD dispatcher matches every
   * stored object on every request, so at 10k pods it answers a few dozen patches per second.
   */
  static final int BURST = 1000;
  /** Every tenth update of the burst switches a pod to a {@code :latest} image: a change the status shows. */
  static final int FINDING_EVERY = 10;

  private OperatorFigures() {}

  public static List<Figure> measure() throws Exception {
    List<Figure> figures = new ArrayList<>();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      List<Pod> pods = new ArrayList<>();
      int[] deployments = {0};
      seed(cluster, o -> {
        if (o instanceof Pod p && p.getMetadata().getOwnerReferences() != null
            && !"kube-system".equals(p.getMetadata().getNamespace())) {
          pods.add(p);
        }
        if (o instanceof io.fabric8.kubernetes.api.model.apps.Deployment) {
          deployments[0]++;
        }
      });
      cluster.client().resource(OperatorFixtures.policy("default")).create();
      OperatorFixtures.drain(cluster.server());
      long heapBefore = heapAfterGc();
      System.err.printf("bench: seeded %d pods, %d Deployments%n", pods.size(), deployments[0]);

      long start = System.nanoTime();
      HaguardOperator operator = new HaguardOperator(cluster.client(), OperatorSettings.defaults().withoutHttp());
      try {
        operator.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> settled(cluster));
        double startSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = heapAfterGc();
        double perPod = (heapAfter - heapBefore) / (double) PODS;
        figures.add(Figure.info("operator.start-to-status.s", startSeconds, "s",
            PODS + " pods, " + deployments[0] + " Deployments: start, LIST every kind, first status written"));
        figures.add(Figure.info("operator.cache.heap", (heapAfter - heapBefore) / 1e6, "MB",
            "heap after GC with the caches full minus before the operator started"));
        figures.add(Figure.atMost("operator.cache.bytes-per-pod", perPod, "B", 4096,
            "all informer caches (Deployments, ReplicaSets, nodes... included) over the pod count"));
        figures.addAll(burst(cluster, operator, pods));
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
    IntStream.range(0, BURST).parallel().forEach(i -> {
      Pod pod = pods.get(i);
      String patch = i % FINDING_EVERY == 0
          ? "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"registry.example.com/burst:latest\"}]"
          : "[{\"op\":\"add\",\"path\":\"/metadata/labels/burst\",\"value\":\"" + i + "\"}]";
      cluster.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON), patch);
    });
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

  /** Creates the generated cluster (no Services: the operator does not watch them), four requests at a time. */
  private static void seed(EmbeddedCluster cluster, Consumer<HasMetadata> seen) {
    List<HasMetadata> objects = new ArrayList<>();
    SyntheticCluster.withPods(PODS).withReplicas(REPLICAS).forEach(o -> {
      if (!(o instanceof Service)) {
        objects.add(o);
        seen.accept(o);
      }
    });
    objects.parallelStream().forEach(o -> cluster.client().resource(o).create());
  }

  private static boolean settled(EmbeddedCluster cluster) {
    ClusterPolicy p = cluster.client().resources(ClusterPolicy.class).withName("default").get();
    return p != null && p.getStatus() != null && p.getStatus().summary() != null;
  }

  private static double updatedReconciles(HaguardOperator operator) {
    var counter = operator.meterRegistry().find("haguard.reconciles").tag("outcome", "updated").counter();
    return counter == null ? 0 : counter.count();
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
