package dev.haguard.operator;

import static dev.haguard.support.TestObjects.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chaos through the real operator: the bare-pod hand-off, {@value #RUNS} seeded runs on one embedded
 * API server, while the operator is stopped at random moments and a fresh one (new caches, nothing
 * in memory) is started in its place. In a quarter of the runs the replacement never becomes
 * available (the hand-off must roll back). Every 20 ms and at the end of every run the invariant
 * must hold: the workload has a running pod (the bare pod, or an available replacement), there is
 * never more than one Deployment for the pod, and every run ends Done or RolledBack.
 *
 * <p>The operator is stopped through JOSDK ({@code Operator.stop()}), which abandons a reconcile in
 * flight; a process killed with SIGKILL cannot be had in one JVM. {@code HandoffChaosTest} kills
 * the engine at every single API write; this test adds the operator around it: informers, event
 * sources, rate limiting and status writes, restarted cold.
 */
@EmbeddedTier
class OperatorChaosTest {
  static final int RUNS = 50;
  static final long SEED = 20261125L;
  private static final int READY_TIMEOUT_SECONDS = 2;
  private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

  private final OperatorHarness harness = new OperatorHarness();
  private final KubernetesClient client = harness.client;
  private final List<String> violations = new ArrayList<>();
  private HaguardOperator operator;
  private int restarts;
  private int checks;

  @AfterEach
  void stop() {
    harness.close();
  }

  /** The test operator, with fast reconciles (production allows one a second per policy) so that 50 runs fit CI. */
  private static OperatorSettings settings() {
    return OperatorFixtures.enforceSettings().withReconcilesPerSecond(20);
  }

  @Test
  void stoppingTheOperatorAtRandomMomentsNeverLosesTheWorkload() {
    client.resource(EnforceFixtures.policy("default",
        "{\"mode\": \"Enforce\", \"barePods\": {\"readyTimeoutSeconds\": " + READY_TIMEOUT_SECONDS + "}}")).create();
    operator = harness.start(settings());
    TreeMap<String, Integer> ends = new TreeMap<>();
    Random random = new Random(SEED);
    for (int run = 0; run < RUNS; run++) {
      ends.merge(handOff(run, random), 1, Integer::sum);
    }
    System.out.printf("OperatorChaosTest: %d runs, %d operator restarts, %d invariant checks, ends %s, "
        + "violations %d%n", RUNS, restarts, checks, ends, violations.size());
    assertThat(violations).isEmpty();
    assertThat(ends).containsKeys("Done", "RolledBack");
    assertThat(restarts).isGreaterThanOrEqualTo(RUNS / 2);
  }

  /** One run: a bare pod, the operator stopped and started again 0 to 2 times; how it ended. */
  private String handOff(int run, Random random) {
    boolean replacementWorks = random.nextInt(4) != 0;
    List<Long> killsAt = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      killsAt.add((long) random.nextInt(2_500));
    }
    killsAt.sort(null);
    String name = "web-" + run;
    Pod bare = client.resource(EnforceFixtures.barePod(name, "worker-0", "nginx:latest", digest('a'))).create();
    String uid = bare.getMetadata().getUid();
    long start = System.nanoTime();
    String[] end = new String[1];
    AtomicBoolean madeAvailable = new AtomicBoolean();
    await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(20)).until(() -> {
      checks++;
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      List<Deployment> replacements = replacementsOf(uid);
      Pod pod = client.pods().inNamespace(EnforceFixtures.NS).withName(name).get();
      check("run " + run + " at " + elapsed + " ms", pod, replacements);
      if (!killsAt.isEmpty() && elapsed >= killsAt.get(0)) {
        killsAt.remove(0);
        harness.stop(operator);
        operator = harness.start(settings());
        restarts++;
      }
      if (replacementWorks && replacements.size() == 1 && !madeAvailable.getAndSet(true)) {
        EnforceFixtures.makeAvailable(client, replacements.get(0).getMetadata().getName());
      }
      end[0] = endOf(pod, replacements);
      return end[0] != null && killsAt.isEmpty();
    });
    assertThat(end[0]).as("run %d (replacement works: %s)", run, replacementWorks)
        .isEqualTo(replacementWorks ? "Done" : "RolledBack");
    cleanUp(name, uid);
    return end[0];
  }

  /**
   * The Lease lost in the middle of a hand-off: the leader created the replacement and is gone; the
   * standby takes the Lease and finishes from the annotations alone (one Deployment, then Done).
   */
  @Test
  void aNewLeaderFinishesTheHandOffTheOldOneStarted() {
    harness.cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewMetadata().withName("review").endMetadata()
            .withNewStatus().withIncomplete(false).addNewResourceRule().withApiGroups("coordination.k8s.io")
            .withResources("leases").withVerbs("get", "create", "update").endResourceRule().endStatus().build())
        .always();
    client.resource(EnforceFixtures.enforce("default")).create();
    HaguardOperator leader = harness.start(replica("replica-a"));
    await().atMost(Duration.ofSeconds(30)).until(() -> "replica-a".equals(leaseHolder()));
    HaguardOperator standby = harness.start(replica("replica-b"));
    Pod bare = client.resource(EnforceFixtures.barePod("web", "worker-0", "nginx:latest", digest('a'))).create();
    String uid = bare.getMetadata().getUid();
    await().atMost(Duration.ofSeconds(30)).until(() -> replacementsOf(uid).size() == 1);

    harness.stop(leader);
    EnforceFixtures.makeAvailable(client, replacementsOf(uid).get(0).getMetadata().getName());

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      List<Deployment> replacements = replacementsOf(uid);
      Pod pod = client.pods().inNamespace(EnforceFixtures.NS).withName("web").get();
      check("after the leader left", pod, replacements);
      return "Done".equals(endOf(pod, replacements));
    });
    assertThat(leaseHolder()).isEqualTo("replica-b");
    assertThat(OperatorHarness.reconciles(standby)).isPositive();
    assertThat(violations).isEmpty();
  }

  private static OperatorSettings replica(String identity) {
    return settings().withLeaderElection(
        new OperatorSettings.LeaderElection(OperatorSettings.DEFAULT_LEASE_NAMESPACE, Optional.of(identity), false));
  }

  private String leaseHolder() {
    Lease lease = client.leases().inNamespace(OperatorSettings.DEFAULT_LEASE_NAMESPACE)
        .withName(OperatorSettings.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** The invariant, from what the API server holds now (replacements read first, then the pod). */
  private void check(String where, Pod pod, List<Deployment> replacements) {
    if (replacements.size() > 1) {
      violations.add(where + ": " + replacements.size() + " Deployments for one pod");
    }
    if (pod == null && replacements.stream().noneMatch(OperatorChaosTest::available)) {
      violations.add(where + ": the bare pod is gone without an available replacement");
    }
  }

  /** Done: the pod gone, its replacement available; RolledBack: no replacement, the pod kept and marked. */
  private static String endOf(Pod pod, List<Deployment> replacements) {
    if (pod == null && replacements.size() == 1 && available(replacements.get(0))) {
      return "Done";
    }
    boolean marked = pod != null && pod.getMetadata().getAnnotations() != null
        && pod.getMetadata().getAnnotations().containsKey(HandoffAnnotations.FAILURE);
    return marked && replacements.isEmpty() ? "RolledBack" : null;
  }

  private static boolean available(Deployment d) {
    return d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
        && d.getStatus().getAvailableReplicas() > 0;
  }

  private List<Deployment> replacementsOf(String uid) {
    return client.apps().deployments().inNamespace(EnforceFixtures.NS).list().getItems().stream()
        .filter(d -> d.getMetadata().getAnnotations() != null
            && Objects.equals(uid, d.getMetadata().getAnnotations().get(HandoffAnnotations.REWRITTEN_FROM)))
        .toList();
  }

  /** Each run starts from a clean namespace, so that a finished run's objects cannot mask the next one's. */
  private void cleanUp(String name, String uid) {
    replacementsOf(uid).forEach(d -> client.resource(d).delete());
    client.pods().inNamespace(EnforceFixtures.NS).withName(name).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> replacementsOf(uid).isEmpty()
        && client.pods().inNamespace(EnforceFixtures.NS).withName(name).get() == null);
  }
}
