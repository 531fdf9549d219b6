package dev.haguard.analysis.images;

import static dev.haguard.support.TestObjects.controllerRef;
import static dev.haguard.support.TestObjects.cronJob;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.digest;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.jobOf;
import static dev.haguard.support.TestObjects.pod;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.PolicySpecBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MutableTagRuleTest {
  private static final String PIN = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final MutableTagRule rule = new MutableTagRule();

  @ParameterizedTest
  @ValueSource(strings = {"nginx:latest", "nginx", "registry.local:5000/team/app", "quay.io/org/app:latest"})
  void firesOnLatestOrNoTag(String image) {
    Deployment web = deployment("shop", "web", 2, image);
    assertThat(findings(rule, DEFAULTS, web))
        .extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("image-mutable-tag", Severity.WARNING, ObjectRef.of(web)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx:1.25", "registry.local:5000/team/app:2.1", "app" + PIN,
      "nginx:latest" + PIN, "Nginx:latest"})
  void quietOnVersionTagsDigestsAndInvalidReferences(String image) {
    assertThat(findings(rule, DEFAULTS, deployment("shop", "web", 2, image))).isEmpty();
  }

  @Test
  void namesTheDeploymentOnceForManyPods() {
    Deployment web = deployment("shop", "web", 3, "nginx:latest");
    ReplicaSet rs = replicaSetOf(web);
    List<Finding> found = findings(rule, DEFAULTS, web, rs, podOf(rs, 0, "n1"), podOf(rs, 1, "n2"), podOf(rs, 2, "n3"));
    assertThat(found).extracting(Finding::object).containsExactly(ObjectRef.of(web));
  }

  @Test
  void namesTheCronJobNotItsJob() {
    CronJob backup = cronJob("ops", "backup", "backup-tool:latest");
    Job job = jobOf(backup);
    assertThat(findings(rule, DEFAULTS, backup, job, podOf(job, "n1")))
        .extracting(Finding::object).containsExactly(ObjectRef.of(backup));
  }

  @Test
  void namesABarePodItself() {
    Pod debug = pod("shop", "debug", "n1", "busybox");
    assertThat(findings(rule, DEFAULTS, debug)).extracting(Finding::object).containsExactly(ObjectRef.of(debug));
  }

  @Test
  void readsPodsWhenTheOwnerIsNotInTheSnapshot() {
    ReplicaSet rs = replicaSetOf(deployment("shop", "web", 2, "nginx:latest"));
    List<Finding> found = findings(rule, DEFAULTS, podOf(rs, 0, "n1"), podOf(rs, 1, "n2"));
    assertThat(found).extracting(Finding::object)
        .containsExactly(new ObjectRef("apps/v1", "ReplicaSet", "shop", rs.getMetadata().getName()));
  }

  @Test
  void readsInitAndEphemeralContainersOncePerImage() {
    Deployment web = new DeploymentBuilder(deployment("shop", "web", 1, "nginx:1.25"))
        .editSpec().editTemplate().editSpec()
        .addNewInitContainer().withName("migrate").withImage("migrator:latest").endInitContainer()
        .addNewInitContainer().withName("warm").withImage("migrator:latest").endInitContainer()
        .addNewEphemeralContainer().withName("debugger").withImage("busybox").endEphemeralContainer()
        .endSpec().endTemplate().endSpec().build();
    assertThat(findings(rule, DEFAULTS, web)).extracting(Finding::message)
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("migrator:latest"))
        .anySatisfy(m -> assertThat(m).contains("busybox"));
  }

  @Test
  void mutableTagsComeFromThePolicy() throws Exception {
    Policy stable = PolicySpecBuilder.spec().mutableTags("stable", "edge").resolve();
    Deployment web = deployment("shop", "web", 1, "nginx:stable");
    assertThat(findings(rule, stable, web)).extracting(Finding::object).containsExactly(ObjectRef.of(web));
    assertThat(findings(rule, stable, deployment("shop", "api", 1, "nginx:latest"))).isEmpty();
    assertThat(findings(rule, stable, deployment("shop", "db", 1, "postgres"))).hasSize(1);
    assertThat(findings(rule, DEFAULTS, web)).isEmpty();
  }

  @Test
  void quietInExcludedNamespaces() {
    assertThat(findings(rule, DEFAULTS, deployment("kube-system", "coredns", 2, "coredns:latest"))).isEmpty();
    assertThat(findings(rule, DEFAULTS, pod("kube-system", "debug", "n1", "busybox"))).isEmpty();
  }

  @Test
  void namesAStaticPodItselfNotItsNode() {
    Pod mirror = new PodBuilder(etcdPod("cp-1")).editMetadata().withNamespace("infra").endMetadata()
        .editSpec().editFirstContainer().withImage("etcd:latest").endContainer().endSpec().build();
    assertThat(findings(rule, DEFAULTS, mirror)).extracting(Finding::object).containsExactly(ObjectRef.of(mirror));
  }

  @Test
  void podOwnedByAReplicaSetOfAKnownDeploymentIsNotReadFromItsSpec() {
    // Mid-rollout, an old pod can still run latest; the finding is about what the template asks for.
    Deployment web = deployment("shop", "web", 1, "nginx:1.25@" + digest('a'));
    ReplicaSet rs = replicaSetOf(web);
    Pod old = new PodBuilder(podOf(rs, 0, "n1")).editSpec().editFirstContainer().withImage("nginx:latest")
        .endContainer().endSpec().editMetadata().withOwnerReferences(controllerRef(rs)).endMetadata().build();
    assertThat(findings(rule, DEFAULTS, web, rs, old)).isEmpty();
  }
}
