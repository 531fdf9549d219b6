package dev.haguard.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.image.ImageReference;
import dev.haguard.install.Kustomize.Rendered;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.RealTier;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kubectl kustomize config/default} renders, and the operator it installs runs safely and stays up. */
@RealTier
class InstallManifestsTest {
  private static final String NAMESPACE = "haguard-system";

  private static Rendered install;
  private static Deployment deployment;
  private static PodSpec pod;
  private static Container container;

  @BeforeAll
  static void render() throws Exception {
    install = Kustomize.render("config/default");
    deployment = install.get(Deployment.class, "haguard");
    pod = deployment.getSpec().getTemplate().getSpec();
    container = pod.getContainers().get(0);
  }

  @Test
  void rendersTheCrdTheOperatorAndItsRoles() {
    assertThat(install.get(CustomResourceDefinition.class, "clusterpolicies.haguard.dev").getSpec().getGroup())
        .isEqualTo(ClusterPolicy.GROUP);
    assertThat(install.find(Namespace.class, NAMESPACE)).isPresent();
    assertThat(install.find(ClusterRole.class, "haguard-manager")).isPresent();
    assertThat(install.find(ClusterRole.class, "haguard-remediation")).as("Enforce's writes are opt-in").isEmpty();
    assertThat(install.find(Role.class, "haguard-leader-election")).isPresent();
    assertThat(install.find(PodDisruptionBudget.class, "haguard")).isPresent();
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
  }

  @Test
  void everyObjectCarriesTheAppLabel() {
    assertThat(install.objects()).isNotEmpty().allSatisfy(o ->
        assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "haguard"));
  }

  @Test
  void runsUnderTheRestrictedPodSecurityProfile() {
    assertThat(install.get(Namespace.class, NAMESPACE).getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var containerSecurity = container.getSecurityContext();
    assertThat(containerSecurity.getAllowPrivilegeEscalation()).isFalse();
    assertThat(containerSecurity.getReadOnlyRootFilesystem()).isTrue();
    assertThat(containerSecurity.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(containerSecurity.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(containerSecurity.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getServiceAccountName()).isEqualTo("haguard");
  }

  @Test
  void hasAWritableTmpOnAReadOnlyRoot() {
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    String volume = container.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow().getName();
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo(volume);
      assertThat(v.getEmptyDir()).isNotNull();
    });
  }

  @Test
  void theImageIsTheOneMakeImageBuilds() throws Exception {
    String makeImage = Files.readAllLines(ProjectFiles.path("Makefile")).stream()
        .filter(line -> line.startsWith("IMAGE ?= ")).map(line -> line.substring("IMAGE ?= ".length()).strip())
        .findFirst().orElseThrow(() -> new AssertionError("Makefile has no `IMAGE ?= ` line"));
    ImageReference image = ImageReference.parse(container.getImage());
    assertThat(container.getImage()).isEqualTo(makeImage);
    assertThat(image.name()).isEqualTo("ghcr.io/haguard/haguard");
    assertThat(image.tag()).as("%s", image).isNotNull().isNotEqualTo("latest");
    assertThat(image.isPinned()).as("no placeholder digest: %s", image).isFalse();
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void worksOnABareClusterWithoutThePrometheusOperator() {
    assertThat(install.objects()).extracting(HasMetadata::getApiVersion)
        .noneMatch(apiVersion -> apiVersion.startsWith("monitoring.coreos.com/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"config/enforce", "config/enforce-namespaced", "config/prometheus",
      "config/metrics-networkpolicy"})
  void everyOptInOverlayRendersTheDefaultInstallAndMore(String overlay) throws Exception {
    Rendered rendered = Kustomize.render(overlay);
    assertThat(rendered.objects()).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsAll(install.objects().stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).toList())
        .hasSizeGreaterThan(install.objects().size());
    assertThat(rendered.objects()).allSatisfy(o ->
        assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "haguard"));
  }

  @Test
  void onlyPrometheusMayReachTheMetricsPortWithTheNetworkPolicyOverlay() throws Exception {
    NetworkPolicy policy = Kustomize.render("config/metrics-networkpolicy").get(NetworkPolicy.class, "haguard-metrics");
    assertThat(policy.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080));
      assertThat(rule.getFrom()).singleElement().satisfies(peer ->
          assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "prometheus"));
    });
  }

  @Test
  void runsTheOperatorWithProbesOnTheMetricsPort() {
    assertThat(container.getArgs()).containsExactly("operator");
    assertThat(container.getPorts()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("metrics");
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertProbe(container.getLivenessProbe(), "/healthz");
    assertProbe(container.getReadinessProbe(), "/readyz");
  }

  @Test
  void knowsItsNamespaceAndSizesItsHeapFromTheLimit() {
    Map<String, EnvVar> env = container.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).contains("-XX:MaxRAMPercentage=75")
        .contains("-XX:+ExitOnOutOfMemoryError");
    Map<String, Quantity> requests = container.getResources().getRequests();
    Map<String, Quantity> limits = container.getResources().getLimits();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(Quantity.getAmountInBytes(limits.get("memory")))
        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
  }

  @Test
  void twoReplicasSpreadOverZonesAndNodesWithADisruptionBudget() {
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getTopologySpreadConstraints())
        .extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(pod.getTopologySpreadConstraints()).allSatisfy(c -> {
      assertThat(c.getMaxSkew()).isEqualTo(1);
      assertThat(podLabels).containsAllEntriesOf(c.getLabelSelector().getMatchLabels());
    });
    PodDisruptionBudget pdb = install.get(PodDisruptionBudget.class, "haguard");
    assertThat(pdb.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theSamplePolicyIsTheDefaultsSpelledOut() throws Exception {
    Rendered samples = Kustomize.render("config/samples");
    assertThat(samples.objects()).hasSize(1);
    ClusterPolicy sample = new KubernetesSerialization()
        .unmarshal(samples.yaml(), ClusterPolicy.class);
    assertThat(sample.getMetadata().getName()).isEqualTo("default");
    assertThat(sample.getSpecBindingError()).isNull();
    assertThat(PolicyResolver.resolve(sample)).isEqualTo(PolicyResolver.defaults());
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as("probe %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
  }
}
