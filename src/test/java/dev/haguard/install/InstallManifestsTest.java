package dev.haguard.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.image.ImageReference;
import dev.haguard.install.Kustomize.Rendered;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code kubectl kustomize config/default} renders, and the operator it installs runs safely and stays up. */
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
    assertThat(install.find(ClusterRole.class, "haguard-remediation")).isPresent();
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
  void theImageIsPinnedByDigest() throws Exception {
    ImageReference image = ImageReference.parse(container.getImage());
    assertThat(image.name()).isEqualTo("ghcr.io/haguard/haguard");
    assertThat(image.isPinned()).as("%s has a digest", image).isTrue();
    assertThat(ImageReference.isSha256Digest(image.digest())).as("%s", image).isTrue();
    assertThat(image.tag()).as("%s", image).isNotNull().isNotEqualTo("latest");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
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
    assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).contains("-XX:MaxRAMPercentage=75");
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
