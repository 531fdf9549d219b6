package dev.haguard.analysis.images;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.digest;
import static dev.haguard.support.TestObjects.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.image.Platform;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.RegistryAnswer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that read what a registry said: image-digest-unresolved and image-arch-missing. */
class RegistryFactRulesTest {
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private static final String IMAGE = "registry.local:5000/team/web:1.4";
  private static final List<Platform> AMD64_ONLY = List.of(new Platform("linux", "amd64", null));
  private static final List<Platform> AMD64_ARM64 =
      List.of(new Platform("linux", "amd64", null), new Platform("linux", "arm64", "v8"));

  private final Deployment web = deployment("shop", "web", 2, IMAGE);

  @Test
  void unresolvedDigestIsReportedOnTheWorkload() {
    ClusterSnapshot snapshot = snapshot(RegistryAnswer.failed("registry unreachable"), web);
    assertSingleFinding(findings(new DigestUnresolvedRule(), DEFAULTS, snapshot),
        "image-digest-unresolved", Severity.WARNING, ObjectRef.of(web));
  }

  @Test
  void resolvedOrNeverAskedIsQuiet() {
    assertThat(findings(new DigestUnresolvedRule(), DEFAULTS,
        snapshot(RegistryAnswer.resolved(digest('a'), List.of()), web))).isEmpty();
    assertThat(findings(new DigestUnresolvedRule(), DEFAULTS, web)).isEmpty();
  }

  @Test
  void indexWithoutANodeArchitectureFires() {
    ClusterSnapshot snapshot = snapshot(RegistryAnswer.resolved(digest('a'), AMD64_ONLY),
        web, archNode("n1", "amd64"), archNode("n2", "arm64"));
    assertSingleFinding(findings(new ArchMissingRule(), DEFAULTS, snapshot),
        "image-arch-missing", Severity.WARNING, ObjectRef.of(web));
  }

  @Test
  void indexCoveringEveryNodeIsQuiet() {
    assertThat(findings(new ArchMissingRule(), DEFAULTS, snapshot(RegistryAnswer.resolved(digest('a'), AMD64_ARM64),
        web, archNode("n1", "amd64"), archNode("n2", "arm64")))).isEmpty();
  }

  @Test
  void singlePlatformManifestSaysNothingAboutArchitectures() {
    assertThat(findings(new ArchMissingRule(), DEFAULTS, snapshot(RegistryAnswer.resolved(digest('a'), List.of()),
        web, archNode("n1", "amd64"), archNode("n2", "arm64")))).isEmpty();
  }

  @Test
  void workloadPinnedToAnArchitectureIsJudgedOnThatOneOnly() {
    Deployment amd64Only = new DeploymentBuilder(web).editSpec().editTemplate().editSpec()
        .addToNodeSelector("kubernetes.io/arch", "amd64").endSpec().endTemplate().endSpec().build();
    assertThat(findings(new ArchMissingRule(), DEFAULTS, snapshot(RegistryAnswer.resolved(digest('a'), AMD64_ONLY),
        amd64Only, archNode("n1", "amd64"), archNode("n2", "arm64")))).isEmpty();
  }

  @Test
  void taintedNodesOfAnotherArchitectureDoNotCount() {
    Node taintedArm = new NodeBuilder(archNode("n2", "arm64")).editSpec().addNewTaint().withKey("arch")
        .withValue("arm64").withEffect("NoSchedule").endTaint().endSpec().build();
    assertThat(findings(new ArchMissingRule(), DEFAULTS, snapshot(RegistryAnswer.resolved(digest('a'), AMD64_ONLY),
        web, archNode("n1", "amd64"), taintedArm))).isEmpty();
  }

  private static ClusterSnapshot snapshot(RegistryAnswer answer, HasMetadata... objects) {
    return ClusterSnapshot.builder().addAll(List.of(objects)).registryAnswer(IMAGE, answer).build();
  }

  private static Node archNode(String name, String arch) {
    return new NodeBuilder(node(name, "a")).editMetadata().addToLabels("kubernetes.io/arch", arch).endMetadata()
        .build();
  }
}
