package dev.haguard.remediation.handoff;

import static dev.haguard.remediation.Fixtures.DIGEST_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.remediation.Fixtures;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.ReplacementOptions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplacementDeploymentTest {
  private static final Pod POD = Fixtures.barePod("web", "nginx:1.27", null);

  static Stream<Arguments> podOnlyFields() {
    return Stream.of(
        Arguments.of("nodeName", (UnaryOperator<Pod>) p -> p, (Predicate<PodSpec>)
            s -> s.getNodeName() == null),
        Arguments.of("ephemeral containers", (UnaryOperator<Pod>) p -> new PodBuilder(p).editSpec()
            .addNewEphemeralContainer().withName("debugger").withImage("busybox").endEphemeralContainer().endSpec()
            .build(), (Predicate<PodSpec>) s -> s.getEphemeralContainers() == null),
        Arguments.of("priority set by admission", (UnaryOperator<Pod>) p -> new PodBuilder(p).editSpec()
            .withPriorityClassName("high").withPriority(1000).withPreemptionPolicy("PreemptLowerPriority").endSpec()
            .build(), (Predicate<PodSpec>) s -> s.getPriority() == null
            && s.getPreemptionPolicy() == null && "high".equals(s.getPriorityClassName())),
        Arguments.of("projected token volume and its mounts", (UnaryOperator<Pod>) ReplacementDeploymentTest::withToken,
            (Predicate<PodSpec>) s -> s.getVolumes() == null
                && s.getContainers().get(0).getVolumeMounts().isEmpty()
                && s.getInitContainers().get(0).getVolumeMounts().isEmpty()),
        Arguments.of("runtime class overhead", (UnaryOperator<Pod>) p -> new PodBuilder(p).editSpec()
            .withRuntimeClassName("kata").addToOverhead("cpu", new Quantity("250m"))
            .endSpec().build(),
            (Predicate<PodSpec>) s -> s.getOverhead() == null && "kata".equals(s.getRuntimeClassName())));
  }

  @ParameterizedTest(name = "drops {0}")
  @MethodSource("podOnlyFields")
  void templateDropsWhatBelongsToOnePod(String what, UnaryOperator<Pod> shape, Predicate<PodSpec> ok) {
    Pod pod = shape.apply(POD);
    Deployment d = ReplacementDeployment.from(pod, "web");
    assertThat(d.getSpec().getTemplate().getSpec()).matches(ok, what);
  }

  @Test
  void keepsWhatTheWorkloadNeeds() {
    Pod pod = new PodBuilder(POD).editMetadata().addToLabels("tier", "front")
        .addToAnnotations("prometheus.io/scrape", "true")
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{}")
        .addToAnnotations(HandoffAnnotations.REPLACED_BY, "web").endMetadata()
        .editSpec().withHostname("web-host").withSubdomain("svc").withServiceAccountName("shop")
        .withNodeSelector(Map.of("disk", "ssd"))
        .addNewVolume().withName("config").withNewConfigMap().withName("web-config").endConfigMap().endVolume()
        .editFirstContainer().addNewVolumeMount().withName("config").withMountPath("/etc/web").endVolumeMount()
        .addNewPort().withContainerPort(8080).endPort().endContainer()
        .endSpec().build();

    Deployment d = ReplacementDeployment.from(pod, "web");

    PodSpec spec = d.getSpec().getTemplate().getSpec();
    assertThat(spec.getHostname()).isEqualTo("web-host");
    assertThat(spec.getSubdomain()).isEqualTo("svc");
    assertThat(spec.getServiceAccountName()).isEqualTo("shop");
    assertThat(spec.getNodeSelector()).containsEntry("disk", "ssd");
    assertThat(spec.getVolumes()).extracting("name").containsExactly("config");
    assertThat(spec.getContainers().get(0).getVolumeMounts()).extracting("name").containsExactly("config");
    assertThat(spec.getContainers().get(0).getPorts()).extracting("containerPort").containsExactly(8080);
    assertThat(spec.getRestartPolicy()).isEqualTo("Always");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "web").containsEntry("tier", "front")
        .containsEntry(HandoffAnnotations.REPLACEMENT_LABEL, "web");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsOnlyKeys("prometheus.io/scrape");
  }

  @Test
  void selectorCannotMatchTheBarePodAndAnnotationsNameIt() {
    Deployment d = ReplacementDeployment.from(POD, "web");

    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getSelector().getMatchLabels())
        .containsExactly(Map.entry(HandoffAnnotations.REPLACEMENT_LABEL, "web"));
    assertThat(POD.getMetadata().getLabels()).doesNotContainKey(HandoffAnnotations.REPLACEMENT_LABEL);
    assertThat(d.getMetadata().getNamespace()).isEqualTo(Fixtures.NS);
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry(HandoffAnnotations.REWRITTEN_FROM, POD.getMetadata().getUid())
        .containsEntry(HandoffAnnotations.REWRITTEN_FROM_POD, "shop/web");
    assertThat(d.getSpec().getStrategy()).isNull();
  }

  @Test
  void theBarePodIsNotChanged() {
    Pod pod = withToken(POD);
    String before = Serialization.asJson(pod);

    ReplacementDeployment.from(pod, "web", new ReplacementOptions(true, "node-1", Map.of("app", DIGEST_A)));

    assertThat(Serialization.asJson(pod)).isEqualTo(before);
  }

  @Test
  void readWriteOnceVolumeRunsOnTheSameNodeWithRecreate() {
    Pod pod = new PodBuilder(Fixtures.withClaim(POD, "data")).editSpec().withNewAffinity().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("disk").withOperator("In").withValues("ssd")
        .endMatchExpression().endNodeSelectorTerm()
        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("disk").withOperator("In").withValues("nvme")
        .endMatchExpression().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();

    Deployment d = ReplacementDeployment.from(pod, "web", new ReplacementOptions(true, "host-1", Map.of()));

    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    var terms = d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    assertThat(terms).hasSize(2).allSatisfy(t -> assertThat(t.getMatchExpressions())
        .extracting(NodeSelectorRequirement::getKey, NodeSelectorRequirement::getValues)
        .contains(tuple(ReplacementOptions.HOSTNAME_LABEL, List.of("host-1"))));
  }

  @Test
  void readWriteOnceWithoutAffinityGetsOneTerm() {
    Deployment d = ReplacementDeployment.from(Fixtures.withClaim(POD, "data"),
        "web", new ReplacementOptions(true, "host-1", Map.of()));

    var terms = d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    assertThat(terms).singleElement().satisfies(t -> assertThat(t.getMatchExpressions()).singleElement()
        .satisfies(e -> assertThat(e.getValues()).containsExactly("host-1")));
  }

  @Test
  void knownDigestsArePinnedAtCreation() {
    Deployment d = ReplacementDeployment.from(POD, "web",
        new ReplacementOptions(false, "node-1", Map.of("app", DIGEST_A)));

    Container app = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(app.getImage()).isEqualTo("nginx:1.27@" + DIGEST_A);
    assertThat(app.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(d.getSpec().getTemplate().getSpec().getAffinity()).isNull();
  }

  @Test
  void nameTakesASuffixWhenTaken() {
    assertThat(ReplacementDeployment.nameFor(POD, Set.of())).isEqualTo("web");
    assertThat(ReplacementDeployment.nameFor(POD, Set.of("web"))).isEqualTo("web-haguard");
    assertThat(ReplacementDeployment.nameFor(POD, Set.of("web", "web-haguard"))).isEqualTo("web-haguard-2");
  }

  @Test
  void generatedNameLosesItsRandomSuffix() {
    Pod pod = new PodBuilder(POD).editMetadata().withName("worker-x7k2p").withGenerateName("worker-").endMetadata()
        .build();

    assertThat(ReplacementDeployment.nameFor(pod, Set.of())).isEqualTo("worker");
  }

  @Test
  void longNamesGetAValidLabelValue() {
    String name = "a".repeat(100);
    Deployment d = ReplacementDeployment.from(new PodBuilder(POD).editMetadata().withName(name).endMetadata().build(),
        name);

    String label = d.getSpec().getSelector().getMatchLabels().get(HandoffAnnotations.REPLACEMENT_LABEL);
    assertThat(label).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(ReplacementDeployment.labelValue("b".repeat(100))).isNotEqualTo(label);
    assertThat(ReplacementDeployment.labelValue("c".repeat(63))).isEqualTo("c".repeat(63));
  }

  /** Volumes named like admission's token volume that admission did not inject: the workload's own, kept. */
  static Stream<Arguments> tokenLookalikes() {
    return Stream.of(
        Arguments.of("a secret mounted elsewhere", new VolumeBuilder().withName("db-token-x7k2p").withNewSecret()
            .withSecretName("db-token").endSecret().build(), "/etc/db"),
        Arguments.of("an emptyDir at the token path", new VolumeBuilder().withName("kube-api-access-x7k2p")
            .withNewEmptyDir().endEmptyDir().build(), ReplacementDeployment.SERVICE_ACCOUNT_MOUNT));
  }

  @ParameterizedTest(name = "keeps {0}")
  @MethodSource("tokenLookalikes")
  void templateKeepsVolumesAdmissionDidNotInject(String what, Volume volume, String mountPath) {
    Pod pod = new PodBuilder(POD).editSpec().addToVolumes(volume).editFirstContainer().addNewVolumeMount()
        .withName(volume.getName()).withMountPath(mountPath).endVolumeMount().endContainer().endSpec().build();

    PodSpec spec = ReplacementDeployment.from(pod, "web").getSpec().getTemplate().getSpec();

    assertThat(spec.getVolumes()).as(what).containsExactly(volume);
    assertThat(spec.getContainers().get(0).getVolumeMounts()).as(what).hasSize(1);
  }

  /** A pod as admission leaves it: the projected token volume, mounted in every container. */
  private static Pod withToken(Pod pod) {
    return new PodBuilder(pod).editSpec()
        .addNewVolume().withName("kube-api-access-x7k2p").withNewProjected().addNewSource().withNewServiceAccountToken()
        .withPath("token").endServiceAccountToken().endSource().endProjected().endVolume()
        .editFirstContainer().addNewVolumeMount().withName("kube-api-access-x7k2p")
        .withMountPath(ReplacementDeployment.SERVICE_ACCOUNT_MOUNT).withReadOnly(true).endVolumeMount().endContainer()
        .addNewInitContainer().withName("init").withImage("busybox:1.36").addNewVolumeMount()
        .withName("kube-api-access-x7k2p").withMountPath(ReplacementDeployment.SERVICE_ACCOUNT_MOUNT).endVolumeMount()
        .endInitContainer()
        .endSpec().build();
  }
}
