package dev.haguard.analysis.volumes;

import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.storageClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.TopologySelectorTermBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImmediateBindingRuleTest {
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final ImmediateBindingRule rule = new ImmediateBindingRule();

  @ParameterizedTest
  @CsvSource(value = {"ebs.csi.aws.com,Immediate", "kubernetes.io/aws-ebs,", "pd.csi.storage.gke.io,Immediate",
      "disk.csi.azure.com,", "cinder.csi.openstack.org,Immediate"})
  void firesForZonalProvisionersBindingImmediatelyAcrossZones(String provisioner, String mode) {
    StorageClass sc = storageClass("fast", provisioner, mode);
    assertThat(findings(rule, DEFAULTS, node("a1", "zone-a"), node("b1", "zone-b"), sc))
        .extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("storageclass-immediate-binding", Severity.WARNING, ObjectRef.of(sc)));
  }

  @Test
  void quietWithWaitForFirstConsumer() {
    assertThat(findings(rule, DEFAULTS, node("a1", "zone-a"), node("b1", "zone-b"),
        storageClass("gp3", "ebs.csi.aws.com", "WaitForFirstConsumer"))).isEmpty();
  }

  @Test
  void quietInASingleZoneCluster() {
    assertThat(findings(rule, DEFAULTS, node("a1", "zone-a"), node("a2", "zone-a"),
        storageClass("gp3", "ebs.csi.aws.com", "Immediate"))).isEmpty();
  }

  @Test
  void quietForMultiZoneFileStores() {
    assertThat(findings(rule, DEFAULTS, node("a1", "zone-a"), node("b1", "zone-b"),
        storageClass("efs", "efs.csi.aws.com", null))).isEmpty();
  }

  @Test
  void quietWhenAllowedTopologiesPinTheClassToOneZone() {
    StorageClass oneZone = new StorageClassBuilder(storageClass("gp3-a", "ebs.csi.aws.com", "Immediate"))
        .withAllowedTopologies(new TopologySelectorTermBuilder().addNewMatchLabelExpression()
            .withKey("topology.ebs.csi.aws.com/zone").withValues("zone-a").endMatchLabelExpression().build())
        .build();
    assertThat(findings(rule, DEFAULTS, node("a1", "zone-a"), node("b1", "zone-b"), oneZone)).isEmpty();
  }
}
