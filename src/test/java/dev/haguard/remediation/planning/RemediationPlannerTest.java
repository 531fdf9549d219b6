package dev.haguard.remediation.planning;

import static dev.haguard.remediation.Fixtures.DIGEST_A;
import static dev.haguard.remediation.Fixtures.DIGEST_B;
import static dev.haguard.remediation.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.pods.PodOwnership;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.api.v1alpha1.SeverityOverride;
import dev.haguard.policy.Policy;
import dev.haguard.policy.RuleId;
import dev.haguard.remediation.ActionType;
import dev.haguard.remediation.DigestChoice;
import dev.haguard.remediation.Fixtures;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.PlannedAction;
import dev.haguard.remediation.PlannedAction.NotRemediated;
import dev.haguard.remediation.PlannedAction.PinImage;
import dev.haguard.remediation.PlannedAction.RewriteBarePod;
import dev.haguard.remediation.ReplacementOptions;
import dev.haguard.remediation.handoff.ReplacementDeployment;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.PolicySpecBuilder;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemediationPlannerTest {
  private static final Policy ENFORCE = Fixtures.enforce();

  private static List<PlannedAction> plan(Policy policy, HasMetadata... objects) {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(List.of(objects)).build();
    return RemediationPlanner.plan(Fixtures.analysed(snapshot, policy), policy);
  }

  /** Deployment api (api:latest), its ReplicaSet, and one Ready pod per digest, running it. */
  private static HasMetadata[] deploymentRunning(String... digests) {
    Deployment d = TestObjects.deployment(NS, "api", digests.length, "api:latest");
    ReplicaSet rs = TestObjects.replicaSetOf(d);
    List<HasMetadata> objects = new ArrayList<>(List.of(d, rs));
    for (int i = 0; i < digests.length; i++) {
      objects.add(Fixtures.runs(TestObjects.podOf(rs, i, "n"), "app", digests[i]));
    }
    return objects.toArray(HasMetadata[]::new);
  }

  @Test
  void bareRunningPodIsRewrittenWithTheDigestItRuns() {
    Pod pod = Fixtures.barePod("web", "nginx:latest", DIGEST_A);

    assertThat(plan(ENFORCE, pod)).singleElement().isInstanceOfSatisfying(RewriteBarePod.class, a -> {
      assertThat(a.podUid()).isEqualTo(pod.getMetadata().getUid());
      assertThat(a.options().digests()).containsExactly(java.util.Map.entry("app", DIGEST_A));
      assertThat(a.options().readWriteOnce()).isFalse();
    });
  }

  @Test
  void podsThatAreNotBareOrNotOursAreLeftAlone() {
    Deployment d = TestObjects.deployment(NS, "api", 1, "api:1.0");
    ReplicaSet rs = TestObjects.replicaSetOf(d);
    Pod owned = TestObjects.podOf(rs, 0, "node-1");
    Pod finished = new PodBuilder(Fixtures.barePod("job", "busybox:1.36", null)).editStatus().withPhase("Succeeded")
        .endStatus().build();
    Pod mirror = new PodBuilder(Fixtures.barePod("static", "etcd:3.5", null)).editMetadata()
        .addToAnnotations(PodOwnership.MIRROR_ANNOTATION, "x").endMetadata().build();
    Pod excluded = TestObjects.pod("kube-system", "tool", "node-1", "tool:1.0");

    assertThat(plan(ENFORCE, d, rs, owned, finished, mirror, excluded)).isEmpty();
  }

  @Test
  void rewriteTurnedOffPlansNothing() throws Exception {
    Policy off = PolicySpecBuilder.spec().mode(Mode.ENFORCE).barePods(false, null).resolve();

    assertThat(plan(off, Fixtures.barePod("web", "nginx:1.27", null))).isEmpty();
  }

  /**
   * Pins what the planner did before it planned from findings: a rule turned off silences its
   * report, not the repair barePods.rewrite and images.pinScope ask for.
   */
  @Test
  void rulesTurnedOffStillHaveTheirFindingsRepaired() throws Exception {
    Policy silenced = PolicySpecBuilder.spec().mode(Mode.ENFORCE).pin(PinScope.ALL, PinSource.RUNNING)
        .severity(RuleId.POD_BARE.id(), SeverityOverride.OFF)
        .severity(RuleId.IMAGE_MUTABLE_TAG.id(), SeverityOverride.OFF)
        .severity(RuleId.IMAGE_NOT_PINNED.id(), SeverityOverride.OFF).resolve();
    Pod pod = Fixtures.barePod("web", "nginx:1.27", null);
    Deployment d = TestObjects.deployment(NS, "api", 1, "api:1.0");
    Deployment latest = TestObjects.deployment(NS, "cache", 1, "redis:latest");

    assertThat(Fixtures.analysed(ClusterSnapshot.builder().addAll(List.of(pod, d, latest)).build(), silenced)
        .findings()).extracting(f -> f.rule())
        .doesNotContain(RuleId.POD_BARE.id(), RuleId.IMAGE_MUTABLE_TAG.id(), RuleId.IMAGE_NOT_PINNED.id());
    assertThat(plan(silenced, pod, d, latest)).extracting(a -> a.type().name() + " " + a.object().name())
        .containsExactly("REWRITE_BARE_POD web", "PIN_IMAGE api", "PIN_IMAGE cache");
  }

  @ParameterizedTest
  @CsvSource({"Never", "OnFailure"})
  void podThatIsNotRestartedIsReportedNeverReRun(String restartPolicy) {
    Pod pod = new PodBuilder(Fixtures.barePod("once", "busybox:1.36", null)).editSpec()
        .withRestartPolicy(restartPolicy).endSpec().build();

    assertThat(plan(ENFORCE, pod)).singleElement().isInstanceOfSatisfying(NotRemediated.class,
        a -> assertThat(a.type()).isEqualTo(ActionType.REWRITE_BARE_POD));
  }

  @Test
  void readWriteOncePodVolumeIsReportedNotRewritten() {
    Pod pod = Fixtures.withClaim(Fixtures.barePod("db", "postgres:16", null), "data");

    assertThat(plan(ENFORCE, pod, Fixtures.claim("data", "ReadWriteOncePod"))).singleElement()
        .isInstanceOf(NotRemediated.class);
  }

  @Test
  void readWriteOnceVolumeStaysOnTheNodeByItsHostnameLabel() {
    Pod pod = Fixtures.withClaim(Fixtures.barePod("db", "postgres:16", null), "data");
    var node = new NodeBuilder(TestObjects.node("node-1", "a")).editMetadata()
        .addToLabels(ReplacementOptions.HOSTNAME_LABEL, "ip-10-0-0-1").endMetadata().build();

    assertThat(plan(ENFORCE, pod, node, Fixtures.claim("data", "ReadWriteOnce"))).singleElement()
        .isInstanceOfSatisfying(RewriteBarePod.class, a -> {
          assertThat(a.options().readWriteOnce()).isTrue();
          assertThat(a.options().nodeHostname()).isEqualTo("ip-10-0-0-1");
        });
    assertThat(plan(ENFORCE, pod, Fixtures.claim("data", "ReadWriteMany"))).singleElement()
        .isInstanceOfSatisfying(RewriteBarePod.class, a -> assertThat(a.options().readWriteOnce()).isFalse());
  }

  @Test
  void mutableTagsArePinnedWithTheRunningDigest() {
    List<PlannedAction> actions = plan(ENFORCE, deploymentRunning(DIGEST_A, DIGEST_A));

    assertThat(actions).singleElement().isInstanceOfSatisfying(PinImage.class, a -> {
      assertThat(a.workload().kind()).isEqualTo("Deployment");
      assertThat(a.container()).isEqualTo("app");
      assertThat(a.currentImage()).isEqualTo("api:latest");
      assertThat(a.digest()).isEqualTo(new DigestChoice.Known(DIGEST_A, "run by 2 of 2 Ready pods"));
      assertThat(a.pull().serviceAccountName()).isEqualTo("default");
    });
  }

  @Test
  void driftWithoutMajorityLeavesTheWorkloadAlone() {
    List<PlannedAction> actions = plan(ENFORCE, deploymentRunning(DIGEST_A, DIGEST_B));

    assertThat(actions).singleElement().isInstanceOfSatisfying(NotRemediated.class,
        a -> assertThat(a.type()).isEqualTo(ActionType.PIN_IMAGE));
  }

  @Test
  void pinScopeDecidesWhichImages() {
    Deployment d = new DeploymentBuilder(TestObjects.deployment(NS, "api", 1, "api:1.0")).editSpec().editTemplate()
        .editSpec().addNewInitContainer().withName("init").withImage("tools").endInitContainer()
        .addNewContainer().withName("pinned").withImage("api:1.0@" + DIGEST_A).endContainer()
        .endSpec().endTemplate().endSpec().build();

    assertThat(plan(ENFORCE, d)).singleElement().isInstanceOfSatisfying(PinImage.class, a -> {
      assertThat(a.container()).isEqualTo("init");
      assertThat(a.init()).isTrue();
      assertThat(a.digest()).isInstanceOf(DigestChoice.AskRegistry.class);
    });
    assertThat(plan(Fixtures.policy(Mode.ENFORCE, PinScope.ALL, PinSource.RUNNING), d))
        .extracting(a -> ((PinImage) a).container()).containsExactly("app", "init");
    assertThat(plan(Fixtures.policy(Mode.ENFORCE, PinScope.NONE, PinSource.RUNNING), d)).isEmpty();
  }

  @Test
  void gitOpsManagedWorkloadsAreSkippedWithAPinHint() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new DeploymentBuilder(TestObjects.deployment(NS, "argo", 1, "a:latest")).editMetadata()
        .addToAnnotations("argocd.argoproj.io/tracking-id", "app:apps/Deployment:shop/argo").endMetadata().build());
    objects.add(new DeploymentBuilder(TestObjects.deployment(NS, "flux", 1, "f:latest")).editMetadata()
        .addToLabels("kustomize.toolkit.fluxcd.io/name", "apps").endMetadata().build());
    objects.add(new PodBuilder(Fixtures.barePod("argo-pod", "p:latest", null)).editMetadata()
        .addToLabels("argocd.argoproj.io/instance", "apps").endMetadata().build());

    List<PlannedAction> actions = plan(ENFORCE, objects.toArray(HasMetadata[]::new));

    assertThat(actions).hasSize(3).allSatisfy(a -> assertThat(a).isInstanceOf(NotRemediated.class));
    assertThat(actions).filteredOn(a -> a.type() == ActionType.PIN_IMAGE)
        .allSatisfy(a -> assertThat(((NotRemediated) a).reason()).contains("haguard pin"));
  }

  @Test
  void aReplacementInTheMiddleOfItsHandOffIsNotPinnedButContinued() {
    Pod pod = Fixtures.barePod("web", "nginx:latest", null);
    Deployment replacement = new DeploymentBuilder(ReplacementDeployment.from(pod, "web")).editMetadata()
        .withUid(TestObjects.uid()).addToAnnotations(HandoffAnnotations.PHASE, "Available").endMetadata().build();

    assertThat(plan(ENFORCE, replacement)).singleElement().isInstanceOfSatisfying(RewriteBarePod.class,
        a -> assertThat(a.pod().name()).isEqualTo("web"));
    Deployment done = new DeploymentBuilder(replacement).editMetadata()
        .addToAnnotations(HandoffAnnotations.PHASE, "Done").endMetadata().build();
    assertThat(plan(ENFORCE, done)).singleElement().isInstanceOf(PinImage.class);
  }
}
