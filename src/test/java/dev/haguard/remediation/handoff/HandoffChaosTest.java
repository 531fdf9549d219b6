package dev.haguard.remediation.handoff;

import static dev.haguard.remediation.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.operator.Fabric8WorkloadApi;
import dev.haguard.policy.Policy;
import dev.haguard.remediation.Cluster;
import dev.haguard.remediation.DigestResolver;
import dev.haguard.remediation.Fixtures;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.RemediationEngine;
import dev.haguard.remediation.ScriptedWorkloadApi;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.MutableClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the bare-pod hand-off, run {@value #RUNS} times from a fixed seed, with the operator killed
 * at random points. Every pass runs on a NEW engine (a restarted operator, or the other replica after
 * a leader change); in about half of the passes it dies at a random write, which either never
 * reaches the server or reaches it with only its answer lost. After every write and every pass the invariant
 * must hold: the workload has a running pod (the bare pod, or an available replacement), there is
 * never more than one Deployment for the pod, and the bare pod is never gone without an available
 * replacement. Every run must end Done or RolledBack.
 */
@EnableKubernetesMockClient(crud = true)
@EmbeddedTier
class HandoffChaosTest {
  static final int RUNS = 50;
  static final long SEED = 20260101L;
  private static final int MAX_PASSES = 80;
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  KubernetesClient client;
  private final List<String> violations = new ArrayList<>();
  private int checks;

  @BeforeAll
  static void quietMockServer() {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  @Test
  void killingTheOperatorAtRandomPointsNeverLosesTheWorkload() {
    Random random = new Random(SEED);
    Policy policy = Fixtures.enforce();
    Cluster cluster = new Cluster(client);
    DigestResolver noRegistry = (image, pull) -> CompletableFuture.failedFuture(new IllegalStateException("none"));
    TreeMap<String, Integer> killPoints = new TreeMap<>();
    int passes = 0;
    int kills = 0;
    int done = 0;
    int rolledBack = 0;
    for (int run = 0; run < RUNS; run++) {
      Pod bare = cluster.create(Fixtures.barePod("web-" + run, "nginx:1.27", Fixtures.DIGEST_A));
      String uid = bare.getMetadata().getUid();
      String where = "run " + run;
      boolean replacementWorks = random.nextInt(4) != 0;
      int availableFromPass = random.nextInt(5);
      MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
      Optional<String> end = Optional.empty();
      for (int pass = 0; pass < MAX_PASSES && end.isEmpty(); pass++) {
        boolean kill = random.nextBoolean();
        int killAfter = kill ? random.nextInt(2) : Integer.MAX_VALUE;
        boolean answerLost = random.nextBoolean();
        String at = where + " pass " + pass;
        ScriptedWorkloadApi api = new ScriptedWorkloadApi(new Fabric8WorkloadApi(client), killAfter, answerLost)
            .afterWrite(() -> check(bare, uid, at + " (after a write)"));
        new RemediationEngine(api, noRegistry, clock, Duration.ofSeconds(1))
            .run(Fixtures.analysed(snapshot(), policy), policy);
        passes++;
        if (api.killed()) {
          kills++;
          killPoints.merge(api.killedAt(), 1, Integer::sum);
        }
        check(bare, uid, at);
        // The controllers the embedded server lacks: the Deployment controller and kubelet, and GC.
        boolean kubeletStartsIt = replacementWorks && pass >= availableFromPass;
        replacementFor(uid).filter(d -> kubeletStartsIt && HandoffAnnotations.phase(d) == HandoffPhase.CREATED)
            .ifPresent(d -> cluster.makeAvailable(d.getMetadata().getName()));
        cluster.collectGarbage();
        check(bare, uid, at + " (after the controllers)");
        clock.advance(Duration.ofSeconds(5 + random.nextInt(176)));
        end = outcome(bare, uid);
      }
      assertThat(end).as(where + " ends Done or RolledBack within " + MAX_PASSES + " passes").isPresent();
      done += end.get().equals("Done") ? 1 : 0;
      rolledBack += end.get().equals("RolledBack") ? 1 : 0;
      // Each run starts from an empty namespace, so that runs stay independent (and LISTs short).
      client.apps().deployments().inNamespace(NS).list().getItems().forEach(d -> client.resource(d).delete());
      client.pods().inNamespace(NS).list().getItems().forEach(p -> client.resource(p).delete());
    }
    System.out.printf("hand-off chaos: seed %d, %d runs (%d Done, %d RolledBack), %d passes, %d operator kills, "
            + "kill points %s, %d invariant checks, %d violations%n",
        SEED, RUNS, done, rolledBack, passes, kills, killPoints, checks, violations.size());
    assertThat(violations).isEmpty();
    assertThat(kills).as("the seed kills the operator often enough to mean something").isGreaterThan(RUNS);
    assertThat(done).isPositive();
    assertThat(rolledBack).isPositive();
  }

  /** A leader change in the middle of a pass: the old leader still runs while the new one starts. */
  @Test
  void twoOperatorsWorkingFromTheSameStaleSnapshotConverge() {
    Cluster cluster = new Cluster(client);
    Pod bare = cluster.create(Fixtures.barePod("web", "nginx:1.27", null));
    String uid = bare.getMetadata().getUid();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DigestResolver noRegistry = (image, pull) -> CompletableFuture.failedFuture(new IllegalStateException("none"));
    for (int pass = 0; pass < 6; pass++) {
      ClusterSnapshot stale = snapshot();
      for (int operator = 0; operator < 2; operator++) {
        new RemediationEngine(new Fabric8WorkloadApi(client), noRegistry, clock, Duration.ofSeconds(1))
            .run(Fixtures.analysed(stale, Fixtures.enforce()), Fixtures.enforce());
        check(bare, uid, "pass " + pass + " operator " + operator);
      }
      replacementFor(uid).ifPresent(d -> cluster.makeAvailable(d.getMetadata().getName()));
      clock.advance(Duration.ofSeconds(5));
    }
    assertThat(violations).isEmpty();
    assertThat(outcome(bare, uid)).contains("Done");
    assertThat(cluster.deployments()).hasSize(1);
  }

  private ClusterSnapshot snapshot() {
    List<HasMetadata> objects = new ArrayList<>(client.pods().inNamespace(NS).list().getItems());
    objects.addAll(client.apps().deployments().inNamespace(NS).list().getItems());
    return ClusterSnapshot.builder().addAll(objects).build();
  }

  private void check(Pod bare, String uid, String at) {
    checks++;
    // Judged from the raw fields (HandoffOracle's reading), not with the production code under test.
    List<Deployment> replacements = client.apps().deployments().inNamespace(NS).list().getItems().stream()
        .filter(d -> uid.equals(HandoffOracle.tree(d).path("metadata").path("annotations")
            .path(HandoffOracle.REWRITTEN_FROM).asText())).toList();
    boolean barePodRuns = barePod(bare, uid).filter(p -> p.getMetadata().getDeletionTimestamp() == null).isPresent();
    boolean replacementRuns = replacements.stream().map(HandoffOracle::tree).anyMatch(HandoffOracle::available)
        && !client.pods().inNamespace(NS).withLabel(HandoffAnnotations.REPLACEMENT_LABEL,
            replacements.get(0).getSpec().getSelector().getMatchLabels().get(HandoffAnnotations.REPLACEMENT_LABEL))
            .list().getItems().isEmpty();
    if (replacements.size() > 1) {
      violations.add(at + ": " + replacements.size() + " Deployments replace " + bare.getMetadata().getName());
    }
    if (!barePodRuns && !replacementRuns) {
      violations.add(at + ": bare pod " + bare.getMetadata().getName() + " is gone without an available replacement");
    }
  }

  private Optional<Pod> barePod(Pod bare, String uid) {
    return Optional.ofNullable(client.pods().inNamespace(NS).withName(bare.getMetadata().getName()).get())
        .filter(p -> uid.equals(p.getMetadata().getUid()));
  }

  private Optional<Deployment> replacementFor(String uid) {
    return client.apps().deployments().inNamespace(NS).list().getItems().stream()
        .filter(d -> HandoffAnnotations.replaces(d, uid)).findFirst();
  }

  /** "Done" (pod gone, replacement Done), "RolledBack" (replacement gone, pod backing off), or still going. */
  private Optional<String> outcome(Pod bare, String uid) {
    Optional<Pod> pod = barePod(bare, uid);
    Optional<Deployment> replacement = replacementFor(uid);
    if (pod.isEmpty() && replacement.filter(d -> HandoffAnnotations.phase(d) == HandoffPhase.DONE).isPresent()) {
      return Optional.of("Done");
    }
    if (pod.isPresent() && replacement.isEmpty()
        && HandoffAnnotations.get(pod.get(), HandoffAnnotations.RETRY_AFTER).isPresent()) {
      return Optional.of("RolledBack");
    }
    return Optional.empty();
  }
}
