package dev.haguard.analysis.images;

import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.digest;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static dev.haguard.support.TestObjects.runningDigest;
import static dev.haguard.support.TestObjects.withPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestDriftRuleTest {
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final DigestDriftRule rule = new DigestDriftRule();
  private final Deployment web = deployment("shop", "web", 3, "nginx:latest");
  private final ReplicaSet rs = replicaSetOf(web);

  @Test
  void firesOnceWhenPodsRunTwoDigests() {
    List<Finding> found = findings(rule, DEFAULTS, web, rs,
        runningDigest(podOf(rs, 0, "n1"), digest('a')),
        runningDigest(podOf(rs, 1, "n2"), digest('a')),
        runningDigest(podOf(rs, 2, "n3"), digest('b')));
    assertThat(found).extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("image-digest-drift", Severity.CRITICAL, ObjectRef.of(web)));
    assertThat(found.get(0).remediation()).contains("nginx:latest@" + digest('a'));
  }

  @Test
  void quietWhenEveryPodRunsOneDigest() {
    assertThat(findings(rule, DEFAULTS, web, rs,
        runningDigest(podOf(rs, 0, "n1"), digest('a')),
        runningDigest(podOf(rs, 1, "n2"), digest('a')))).isEmpty();
  }

  @Test
  void quietWhenTheOtherDigestIsInAFinishedPod() {
    assertThat(findings(rule, DEFAULTS, web, rs,
        runningDigest(podOf(rs, 0, "n1"), digest('a')),
        withPhase(runningDigest(podOf(rs, 1, "n2"), digest('b')), "Failed"))).isEmpty();
  }

  @Test
  void quietDuringARolloutToAnotherImageString() {
    Pod next = new PodBuilder(podOf(rs, 1, "n2")).editSpec().editFirstContainer().withImage("nginx:1.27")
        .endContainer().endSpec().build();
    assertThat(findings(rule, DEFAULTS, web, rs,
        runningDigest(podOf(rs, 0, "n1"), digest('a')), runningDigest(next, digest('b')))).isEmpty();
  }

  @Test
  void quietForImagesPinnedByDigest() {
    // A pinned multi-arch index can show per-platform digests on nodes of different architectures.
    ReplicaSet pinned = replicaSetOf(deployment("shop", "api", 2, "api:1.0@" + digest('c')));
    assertThat(findings(rule, DEFAULTS, pinned,
        runningDigest(podOf(pinned, 0, "n1"), digest('a')),
        runningDigest(podOf(pinned, 1, "n2"), digest('b')))).isEmpty();
  }

  @Test
  void quietInExcludedNamespaces() {
    ReplicaSet system = replicaSetOf(deployment("kube-system", "coredns", 2, "coredns:latest"));
    assertThat(findings(rule, DEFAULTS, system,
        runningDigest(podOf(system, 0, "n1"), digest('a')),
        runningDigest(podOf(system, 1, "n2"), digest('b')))).isEmpty();
  }

  @Test
  void strictMajority() {
    assertThat(RunningDigests.strictMajority(Map.of("a", 2, "b", 1))).contains("a");
    assertThat(RunningDigests.strictMajority(Map.of("a", 1, "b", 1))).isEmpty();
    assertThat(RunningDigests.strictMajority(Map.of())).isEmpty();
  }
}
