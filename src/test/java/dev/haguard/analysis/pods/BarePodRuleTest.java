package dev.haguard.analysis.pods;

import static dev.haguard.support.TestObjects.cronJob;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.jobOf;
import static dev.haguard.support.TestObjects.pod;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static dev.haguard.support.TestObjects.withPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.PodFacts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BarePodRuleTest {
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final BarePodRule rule = new BarePodRule();
  private final Pod debug = pod("shop", "debug", "n1", "busybox:1.36");

  @Test
  void firesOnAPodWithoutController() {
    assertThat(findings(rule, DEFAULTS, debug))
        .extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("pod-bare", Severity.WARNING, ObjectRef.of(debug)));
  }

  @Test
  void firesWhenOwnersAreNotControllers() {
    Pod owned = new PodBuilder(debug).editMetadata().addToOwnerReferences(new OwnerReferenceBuilder()
        .withApiVersion("v1").withKind("ConfigMap").withName("cfg").withUid("u1").build()).endMetadata().build();
    assertThat(findings(rule, DEFAULTS, owned)).extracting(Finding::object).containsExactly(ObjectRef.of(owned));
  }

  @Test
  void firesOnRunToCompletionPodsToo() {
    Pod oneShot = new PodBuilder(debug).editSpec().withRestartPolicy("Never").endSpec().build();
    assertThat(findings(rule, DEFAULTS, oneShot)).hasSize(1);
  }

  @Test
  void mirrorPodIsNotBare() {
    Pod mirror = new PodBuilder(debug).editMetadata().addToAnnotations(PodOwnership.MIRROR_ANNOTATION, "abc")
        .endMetadata().build();
    assertThat(findings(rule, DEFAULTS, mirror)).isEmpty();
  }

  @Test
  void nodeOwnedPodIsNotBare() {
    Pod nodeOwned = new PodBuilder(debug).editMetadata().addToOwnerReferences(new OwnerReferenceBuilder()
        .withApiVersion("v1").withKind("Node").withName("n1").withUid("n1-uid").build()).endMetadata().build();
    assertThat(findings(rule, DEFAULTS, nodeOwned)).isEmpty();
  }

  @Test
  void controlledPodsAreNotBare() {
    ReplicaSet rs = replicaSetOf(deployment("shop", "web", 1, "nginx:1.25"));
    var job = jobOf(cronJob("ops", "backup", "tool:1"));
    // Owners need not be in the snapshot: the controller reference is enough.
    assertThat(findings(rule, DEFAULTS, podOf(rs, 0, "n1"), podOf(job, "n2"))).isEmpty();
  }

  @Test
  void findsExactlyThePodsThatAScanOfEveryPodFinds() {
    ReplicaSet rs = replicaSetOf(deployment("shop", "web", 2, "nginx:1.25"));
    Pod mirror = new PodBuilder(pod("kube-system", "etcd-n1", "n1", "etcd:3.5")).editMetadata()
        .addToAnnotations(PodOwnership.MIRROR_ANNOTATION, "abc").endMetadata().build();
    Pod notController = new PodBuilder(pod("shop", "cfg-owned", "n1", "busybox:1.36")).editMetadata()
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("cfg")
            .withUid("u1").build()).endMetadata().build();
    List<HasMetadata> objects = List.of(rs, podOf(rs, 0, "n1"), podOf(rs, 1, "n2"), debug, mirror, notController,
        withPhase(pod("shop", "done", "n2", "busybox:1.36"), "Succeeded"), podOf(jobOf(cronJob("ops", "b", "t:1")), "n2"));
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();

    List<ObjectRef> scanned = snapshot.pods().stream()
        .filter(p -> PodOwnership.isBare(p) && !PodFacts.isFinished(p)).map(ObjectRef::of).toList();
    assertThat(findings(rule, DEFAULTS, snapshot)).extracting(Finding::object)
        .containsExactlyInAnyOrderElementsOf(scanned).containsExactlyInAnyOrder(ObjectRef.of(debug),
            ObjectRef.of(notController));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Succeeded", "Failed"})
  void finishedPodsAreNotBare(String phase) {
    assertThat(findings(rule, DEFAULTS, withPhase(debug, phase))).isEmpty();
  }

  @Test
  void ignoredPodsAreNotBare() {
    Pod ignored = new PodBuilder(debug).editMetadata().addToAnnotations(ClusterSnapshot.IGNORE_ANNOTATION, "true")
        .endMetadata().build();
    assertThat(findings(rule, DEFAULTS, ignored)).isEmpty();
  }

  @Test
  void quietInExcludedNamespaces() {
    assertThat(findings(rule, DEFAULTS, pod("kube-system", "debug", "n1", "busybox:1.36"))).isEmpty();
  }
}
