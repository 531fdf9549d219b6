package dev.haguard.remediation.handoff;

import static dev.haguard.remediation.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.policy.Policy;
import dev.haguard.remediation.DigestResolver;
import dev.haguard.remediation.Fixtures;
import dev.haguard.remediation.InMemoryWorkloadApi;
import dev.haguard.remediation.JsonPatch;
import dev.haguard.remediation.RemediationEngine;
import dev.haguard.remediation.ScriptedWorkloadApi;
import dev.haguard.remediation.WorkloadApi;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.MutableClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Model-based chaos of the bare-pod hand-off: seeded schedules that interleave the engine's API calls
 * with the world's events, against an API server in memory ({@link InMemoryWorkloadApi}). Every
 * decision comes from the schedule's {@link SplittableRandom} (its seeds are mixed: neighbouring seeds give unrelated schedules), none from the wall clock: the engine is killed
 * at a counted API call, faults hit counted writes, world events fire between two calls. After every
 * event, write and pass, {@link HandoffOracle} (no production code) judges the world.
 *
 * <p>{@code -Dhaguard.chaos.schedules=N} runs N schedules (default {@value #DEFAULT_SCHEDULES});
 * {@code -Dhaguard.chaos.seed=S} replays the one schedule with seed S, as printed on a failure.
 */
class HandoffScheduleTest {
  static final int DEFAULT_SCHEDULES = 500;
  static final long FIRST_SEED = 20261206L;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int TAIL_PASSES = 60;

  /** What the world does between two API calls of the engine, or between two passes. */
  enum WorldEvent {
    REPLACEMENT_AVAILABLE, REPLACEMENT_UNAVAILABLE, REPLACEMENT_CRASHLOOPS, BARE_POD_EVICTED, BARE_POD_NODE_GONE,
    BARE_POD_DELETED_BY_USER, TERMINATION_ENDS, DEPLOYMENT_EDITED_BY_USER, DEPLOYMENT_DELETED_BY_USER, GARBAGE_COLLECTED
  }

  /** A fault on one write of the hand-off; LOST_ANSWER: the write happened, the caller sees a timeout. */
  enum Fault { CONFLICT_409, TOO_MANY_429, SERVER_500, UNAVAILABLE_503, CONNECTION_RESET, TIMEOUT, LOST_ANSWER }

  /** Totals over all schedules, for docs/reliability.md. */
  private final Map<String, Integer> counts = new TreeMap<>();

  @Test
  void noSeededScheduleLosesAWorkload() {
    String replay = System.getProperty("haguard.chaos.seed");
    List<Long> seeds = new ArrayList<>();
    if (replay != null) {
      seeds.add(Long.parseLong(replay));
    } else {
      int n = Integer.getInteger("haguard.chaos.schedules", DEFAULT_SCHEDULES);
      for (int i = 0; i < n; i++) {
        seeds.add(FIRST_SEED + i);
      }
    }
    for (long seed : seeds) {
      new Schedule(seed).run();
      counts.merge("schedules", 1, Integer::sum);
    }
    System.out.println("hand-off schedules: " + counts);
    assertThat(counts.get("schedules")).isEqualTo(seeds.size());
    if (replay == null) {
      // The schedules must reach what they exist to reach, or a green run means little.
      for (String reached : List.of("kills", "faults", "stale leader passes", "outcome Done", "outcome RolledBack",
          "outcome world took the pod")) {
        assertThat(counts.keySet()).as("some schedule reaches " + reached).anyMatch(k -> k.startsWith(reached));
      }
    }
  }

  /** One seeded schedule: a namespace with one or two bare pods, chaos, then a quiet tail that must settle. */
  private final class Schedule {
    final long seed;
    final SplittableRandom random;
    final InMemoryWorkloadApi world = new InMemoryWorkloadApi();
    final HandoffOracle oracle = new HandoffOracle();
    final MutableClock clock = new MutableClock(START);
    final Deque<String> log = new ArrayDeque<>();
    final List<String> barePods = new ArrayList<>();
    final boolean replacementWorks;
    /** The event index at which the world takes a bare pod away, and deletes a replacement (-1: never). */
    final int takePodAt;
    final int deleteDeploymentAt;
    int events;
    boolean quiet;

    Schedule(long seed) {
      this.seed = seed;
      this.random = new SplittableRandom(seed);
      this.replacementWorks = random.nextInt(4) != 0;
      this.takePodAt = random.nextBoolean() ? random.nextInt(40) : -1;
      this.deleteDeploymentAt = random.nextInt(8) == 0 ? random.nextInt(40) : -1;
    }

    void run() {
      int pods = 1 + random.nextInt(2);
      for (int i = 0; i < pods; i++) {
        Pod pod = world.put(Fixtures.barePod("web-" + i, "nginx:1.27", Fixtures.DIGEST_A));
        barePods.add(pod.getMetadata().getName());
        oracle.barePod(pod.getMetadata().getName(), pod.getMetadata().getUid());
      }
      if (random.nextInt(4) == 0) {
        // Someone else's Deployment holds the name a replacement would take: it must stay untouched.
        world.put(new DeploymentBuilder().withNewMetadata().withNamespace(NS).withName("web-0").endMetadata()
            .withNewSpec().withNewSelector().addToMatchLabels("app", "other").endSelector().endSpec().build());
      }
      Policy policy = Fixtures.enforce();
      ClusterSnapshot previous = snapshot();
      int chaoticPasses = 8 + random.nextInt(20);
      for (int pass = 0; pass < chaoticPasses; pass++) {
        for (int e = random.nextInt(3); e > 0; e--) {
          worldEvent("between passes");
        }
        boolean stale = random.nextInt(10) == 0;
        ClusterSnapshot current = snapshot();
        if (stale) {
          count("stale leader passes");
        }
        int killAt = random.nextInt(3) == 0 ? random.nextInt(10) : Integer.MAX_VALUE;
        pass(stale ? previous : current, policy, killAt, "pass " + pass + (stale ? " (stale leader)" : ""));
        previous = current;
        clock.advance(Duration.ofSeconds(5 + random.nextInt(120)));
      }
      quiet = true;
      for (int pass = 0; pass < TAIL_PASSES && !settled(); pass++) {
        if (replacementWorks) {
          makeReplacementsAvailable();
        }
        world.finishTermination();
        collectGarbage();
        check("quiet tail, before pass " + pass);
        pass(snapshot(), policy, Integer.MAX_VALUE, "quiet pass " + pass);
        clock.advance(Duration.ofSeconds(120)); // 2 h in all: past the longest backoff (1 h)
      }
      if (!settled()) {
        fail("the hand-off did not settle within " + TAIL_PASSES + " quiet passes");
      }
      counts.merge("invariant checks", oracle.checks(), Integer::sum);
      barePods.forEach(p -> count("outcome " + outcome(p) + (replacementWorks ? "" : " (replacement never works)")));
    }

    void pass(ClusterSnapshot snapshot, Policy policy, int killAt, String what) {
      log(what + (killAt < Integer.MAX_VALUE ? ", killed at call " + killAt : ""));
      oracle.newEngine();
      ChaosApi api = new ChaosApi(this, killAt);
      DigestResolver noRegistry = (image, pull) -> CompletableFuture.failedFuture(new IllegalStateException("none"));
      new RemediationEngine(api, noRegistry, clock, Duration.ofSeconds(1)).run(Fixtures.analysed(
          snapshot, policy), policy);
      count("passes");
      check("after " + what);
    }

    ClusterSnapshot snapshot() {
      return ClusterSnapshot.builder().addAll(world.all()).build();
    }

    /** One event of the world, chosen by the schedule; the oracle judges the world after it. */
    void worldEvent(String where) {
      if (quiet) {
        return;
      }
      events++;
      count("events");
      WorldEvent event;
      if (events == takePodAt) {
        event = List.of(WorldEvent.BARE_POD_EVICTED, WorldEvent.BARE_POD_NODE_GONE, WorldEvent.BARE_POD_DELETED_BY_USER)
            .get(random.nextInt(3));
      } else if (events == deleteDeploymentAt) {
        event = WorldEvent.DEPLOYMENT_DELETED_BY_USER;
      } else {
        List<WorldEvent> ordinary = List.of(WorldEvent.REPLACEMENT_AVAILABLE, WorldEvent.REPLACEMENT_AVAILABLE,
            WorldEvent.REPLACEMENT_UNAVAILABLE, WorldEvent.REPLACEMENT_CRASHLOOPS, WorldEvent.TERMINATION_ENDS,
            WorldEvent.DEPLOYMENT_EDITED_BY_USER, WorldEvent.GARBAGE_COLLECTED);
        event = ordinary.get(random.nextInt(ordinary.size()));
      }
      count("event " + event);
      String pod = barePods.get(random.nextInt(barePods.size()));
      Optional<Deployment> replacement = oracle.replacementOf(oracle.uidOf(pod), world.stored())
          .map(d -> world.get(Deployment.class, NS, d.path("metadata").path("name").asText()).orElseThrow());
      switch (event) {
        case REPLACEMENT_AVAILABLE -> {
          if (replacementWorks) {
            makeReplacementsAvailable();
          }
        }
        case REPLACEMENT_UNAVAILABLE -> replacement.ifPresent(d -> setAvailable(d, 0));
        case REPLACEMENT_CRASHLOOPS -> replacement.filter(d -> !replacementWorks).ifPresent(d ->
            world.put(new PodBuilder(replacementPod(d)).editStatus().addNewContainerStatus().withName("app")
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus().endStatus().build()));
        case BARE_POD_EVICTED -> {
          oracle.worldTookPod(pod);
          world.delete(Pod.class, NS, pod, 30L);
        }
        case BARE_POD_NODE_GONE, BARE_POD_DELETED_BY_USER -> {
          oracle.worldTookPod(pod);
          world.remove(Pod.class, NS, pod);
        }
        case TERMINATION_ENDS -> world.finishTermination();
        case DEPLOYMENT_EDITED_BY_USER -> replacement.ifPresent(d -> world.put(new DeploymentBuilder(d)
            .editMetadata().addToAnnotations("team.example.com/edited", Integer.toString(events)).endMetadata()
            .build()));
        case DEPLOYMENT_DELETED_BY_USER -> replacement.ifPresent(d -> {
          oracle.worldDeletedReplacementOf(pod);
          world.remove(Deployment.class, NS, d.getMetadata().getName());
        });
        case GARBAGE_COLLECTED -> collectGarbage();
      }
      log("  world: " + event + " (" + pod + ", " + where + ")");
      check("after " + event + " " + where);
    }

    /** The Deployment controller and kubelet: each replacement gets a Ready pod and an available replica. */
    void makeReplacementsAvailable() {
      for (Deployment d : world.replacements(NS)) {
        world.put(replacementPod(d));
        setAvailable(d, 1);
      }
    }

    Pod replacementPod(Deployment d) {
      Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
      return new PodBuilder().withNewMetadata().withNamespace(NS).withName(d.getMetadata().getName() + "-pod")
          .withLabels(labels)
          .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(d.getMetadata().getName())
          .withUid("rs-" + d.getMetadata().getUid()).withController(true).endOwnerReference()
          .endMetadata().withSpec(d.getSpec().getTemplate().getSpec()).build();
    }

    void setAvailable(Deployment d, int replicas) {
      d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(replicas)
          .withReadyReplicas(replicas).build());
      world.put(d);
    }

    void collectGarbage() {
      List<String> owners = world.all(Deployment.class).stream().map(d -> d.getMetadata().getName() + "-pod").toList();
      world.all(Pod.class).stream()
          .filter(p -> InMemoryWorkloadApi.labels(p).containsKey(HandoffOracle.REPLACEMENT_LABEL))
          .filter(p -> !owners.contains(p.getMetadata().getName()))
          .forEach(p -> world.remove(Pod.class, NS, p.getMetadata().getName()));
    }

    /** Ended, and ended right: a replacement that works must finish the hand-off, after backoffs if need be. */
    boolean settled() {
      return barePods.stream().map(this::outcome)
          .allMatch(o -> o != null && !(replacementWorks && o.equals("RolledBack")));
    }

    /** How the hand-off of {@code pod} ended, from the raw objects; null while it is still going. */
    String outcome(String pod) {
      List<HasMetadata> objects = world.stored();
      boolean live = oracle.livePod(pod, objects);
      Optional<String> phase = oracle.replacementOf(oracle.uidOf(pod), objects)
          .map(d -> d.path("metadata").path("annotations").path("haguard.dev/handoff-phase").asText());
      boolean backingOff = world.get(Pod.class, NS, pod).map(p -> p.getMetadata().getAnnotations())
          .filter(a -> a != null && a.containsKey("haguard.dev/rewrite-retry-after")).isPresent();
      if (live && phase.isEmpty() && backingOff) {
        return "RolledBack";
      }
      if (!live && phase.filter("Done"::equals).isPresent()) {
        return oracle.takenByWorld(pod) ? "world took the pod" : "Done";
      }
      if (!live && phase.isEmpty()) {
        return "world took the pod";
      }
      return null;
    }

    void check(String at) {
      oracle.check(world.stored(), at);
      if (!oracle.violations().isEmpty()) {
        fail(String.join("; ", oracle.violations()));
      }
    }

    void log(String line) {
      log.addLast(line);
    }

    void count(String what) {
      counts.merge(what, 1, Integer::sum);
    }

    void fail(String what) {
      throw new AssertionError("schedule with seed " + seed + ": " + what + "\nreplay: mvn -o test -Dtest="
          + "HandoffScheduleTest -Dhaguard.chaos.seed=" + seed + "\nthe schedule so far:\n" + String.join("\n", log));
    }
  }

  /** The engine's WorkloadApi in a schedule: counts calls, fires world events between them, kills, faults. */
  private static final class ChaosApi implements WorkloadApi {
    private final Schedule s;
    private final int killAt;
    private int calls;
    private boolean killed;

    ChaosApi(Schedule schedule, int killAt) {
      this.s = schedule;
      this.killAt = killAt;
    }

    /** Before every call: maybe a world event; at the schedule's count, the operator dies. */
    private void beforeCall(String call) {
      if (!killed && !s.quiet && s.random.nextInt(5) == 0) {
        s.worldEvent("before " + call);
      }
      if (!killed && calls++ == killAt) {
        killed = true;
        s.count("kills");
        s.log("  operator killed before " + call);
      }
      if (killed) {
        throw new ScriptedWorkloadApi.OperatorKilled();
      }
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
      beforeCall("get " + kind.getSimpleName() + " " + name);
      Optional<T> answer = s.world.get(kind, namespace, name);
      if (kind == Pod.class) {
        s.oracle.engineReadPod(name, answer.orElse(null));
      } else {
        s.oracle.engineReadDeployment(name, answer.orElse(null));
      }
      return answer;
    }

    @Override
    public List<Deployment> replacements(String namespace) {
      beforeCall("list Deployments");
      List<Deployment> answer = s.world.replacements(namespace);
      answer.forEach(d -> s.oracle.engineReadDeployment(d.getMetadata().getName(), d));
      return answer;
    }

    @Override
    public List<Pod> pods(String namespace, String key, String value) {
      beforeCall("list Pods");
      return s.world.pods(namespace, key, value);
    }

    @Override
    public Deployment create(Deployment deployment) {
      return write("create", "Deployment", deployment.getMetadata().getName(), deployment, null,
          () -> s.world.create(deployment));
    }

    @Override
    public void patch(Class<? extends HasMetadata> kind, String namespace, String name, JsonPatch patch) {
      write("patch", kind.getSimpleName(), name, s.world.get(kind, namespace, name).orElse(null), patch.toJson(),
          () -> {
            s.world.patch(kind, namespace, name, patch);
            return null;
          });
    }

    @Override
    public void delete(Class<? extends HasMetadata> kind, String namespace, String name, Long gracePeriodSeconds) {
      write("delete", kind.getSimpleName(), name, s.world.get(kind, namespace, name).orElse(null), null, () -> {
        s.world.delete(kind, namespace, name, gracePeriodSeconds);
        return null;
      });
    }

    private <T> T write(String verb, String kind, String name, Object target, String patch, Supplier<T> call) {
      beforeCall(verb + " " + kind + " " + name);
      s.oracle.engineWrites(verb, kind, name, target, patch, s.world.stored());
      s.count("writes");
      Fault fault = !s.quiet && s.random.nextInt(4) == 0 ? Fault.values()[s.random.nextInt(Fault.values().length)]
          : null;
      if (fault == null) {
        T answer = call.get();
        s.log("  " + verb + " " + kind + " " + name);
        s.check("after " + verb + " " + kind + " " + name);
        return answer;
      }
      s.count("faults");
      s.count("fault " + fault);
      s.count("fault on " + verb + " " + kind);
      s.log("  " + verb + " " + kind + " " + name + ": " + fault);
      if (fault == Fault.LOST_ANSWER) {
        call.get();
        s.check("after " + verb + " " + kind + " " + name + " (answer lost)");
      }
      throw switch (fault) {
        case CONFLICT_409 -> new ConflictException("409 (injected)", null);
        case TOO_MANY_429 -> new KubernetesClientException("Too Many Requests (injected)", 429, null);
        case SERVER_500 -> new KubernetesClientException("Internal Server Error (injected)", 500, null);
        case UNAVAILABLE_503 -> new KubernetesClientException("Service Unavailable (injected)", 503, null);
        case CONNECTION_RESET -> new KubernetesClientException("reset", new SocketException("Connection reset"));
        case TIMEOUT, LOST_ANSWER -> new KubernetesClientException("timeout", new SocketTimeoutException("timeout"));
      };
    }
  }
}
