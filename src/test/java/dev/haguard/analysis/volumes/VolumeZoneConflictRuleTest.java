package dev.haguard.analysis.volumes;

import static dev.haguard.support.TestObjects.ZONE_LABEL;
import static dev.haguard.support.TestObjects.boundClaim;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.pod;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static dev.haguard.support.TestObjects.withClaim;
import static dev.haguard.support.TestObjects.zonalVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeZoneConflictRuleTest {
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final VolumeZoneConflictRule rule = new VolumeZoneConflictRule();

  private List<Finding> run(HasMetadata... objects) {
    List<HasMetadata> all = new ArrayList<>(List.of(node("node-a", "zone-a"), node("node-b", "zone-b"),
        zonalVolume("pv-data", "zone-a"), boundClaim("shop", "data", "pv-data")));
    all.addAll(List.of(objects));
    return findings(rule, DEFAULTS, all.toArray(HasMetadata[]::new));
  }

  private static Pod pending(Pod pod) {
    return new PodBuilder(pod).editSpec().withNodeName(null).endSpec().editStatus().withPhase("Pending")
        .withConditions().endStatus().build();
  }

  @Test
  void firesOnceForTheWorkloadWhosePodsRunInAnotherZone() {
    Deployment web = deployment("shop", "web", 2, "nginx:1.25");
    ReplicaSet rs = replicaSetOf(web);
    List<Finding> found = run(web, rs, withClaim(podOf(rs, 0, "node-b"), "data"),
        withClaim(podOf(rs, 1, "node-b"), "data"));
    assertThat(found).extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("volume-zone-conflict", Severity.CRITICAL, ObjectRef.of(web)));
  }

  @Test
  void quietForAnAzureDiskOutsideAnyZone() {
    // Azure's disk driver pins a disk made outside any zone to topology.disk.csi.azure.com/zone In [""].
    Pod onAFaultDomainNode = withClaim(pod("shop", "pg-0", "node-a", "postgres:16"), "data");
    List<Finding> found = findings(rule, DEFAULTS, node("node-a", "zone-a"), azureDiskOutsideZones("pv-data"),
        boundClaim("shop", "data", "pv-data"), onAFaultDomainNode, pending(withClaim(pod("shop", "pg-1", null,
            "postgres:16"), "data")));
    assertThat(found).isEmpty();
  }

  private static PersistentVolume azureDiskOutsideZones(String name) {
    return new PersistentVolumeBuilder(zonalVolume(name, "")).editSpec().editNodeAffinity().editRequired()
        .editFirstNodeSelectorTerm().editFirstMatchExpression().withKey("topology.disk.csi.azure.com/zone")
        .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec().build();
  }

  @Test
  void quietWhenThePodIsInTheVolumesZone() {
    assertThat(run(withClaim(pod("shop", "db", "node-a", "postgres:16"), "data"))).isEmpty();
  }

  @Test
  void firesWhenTheVolumesZoneIsOnlyALabel() {
    PersistentVolume labelled = new PersistentVolumeBuilder(zonalVolume("pv-old", "zone-a"))
        .editMetadata().addToLabels(ZONE_LABEL, "zone-a").endMetadata()
        .editSpec().withNodeAffinity(null).endSpec().build();
    Pod db = withClaim(pod("shop", "db", "node-b", "postgres:16"), "old");
    assertThat(run(labelled, boundClaim("shop", "old", "pv-old"), db))
        .extracting(Finding::object).containsExactly(ObjectRef.of(db));
  }

  @Test
  void firesWhenAPendingPodIsPinnedToAnotherZoneByNodeSelector() {
    Pod db = new PodBuilder(pending(withClaim(pod("shop", "db", null, "postgres:16"), "data")))
        .editSpec().addToNodeSelector(ZONE_LABEL, "zone-b").endSpec().build();
    assertThat(run(db)).extracting(Finding::object).containsExactly(ObjectRef.of(db));
  }

  @Test
  void firesWhenRequiredAffinityExcludesTheVolumesZone() {
    Pod db = withAffinity(pending(withClaim(pod("shop", "db", null, "postgres:16"), "data")), "NotIn", "zone-a");
    assertThat(run(db)).hasSize(1);
  }

  @Test
  void quietWhenRequiredAffinityAllowsTheVolumesZone() {
    Pod db = withAffinity(pending(withClaim(pod("shop", "db", null, "postgres:16"), "data")), "In", "zone-a", "zone-b");
    assertThat(run(db)).isEmpty();
  }

  @Test
  void quietForAnUnconstrainedPendingPod() {
    assertThat(run(pending(withClaim(pod("shop", "db", null, "postgres:16"), "data")))).isEmpty();
  }

  @Test
  void quietForAFinishedPod() {
    Pod done = new PodBuilder(withClaim(pod("shop", "db", "node-b", "postgres:16"), "data"))
        .editStatus().withPhase("Succeeded").endStatus().build();
    assertThat(run(done)).isEmpty();
  }

  @Test
  void quietWhenTheClaimIsUnboundOrTheVolumeNotZonal() {
    PersistentVolume nfs = new PersistentVolumeBuilder(zonalVolume("pv-nfs", "zone-a"))
        .editSpec().withNodeAffinity(null).endSpec().build();
    assertThat(run(nfs, boundClaim("shop", "shared", "pv-nfs"), boundClaim("shop", "pending", null),
        withClaim(withClaim(pod("shop", "app", "node-b", "app:1"), "shared"), "pending"))).isEmpty();
  }

  private static Pod withAffinity(Pod pod, String operator, String... zones) {
    return new PodBuilder(pod).editSpec().withNewAffinity().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
        .withMatchExpressions(new NodeSelectorRequirementBuilder().withKey(ZONE_LABEL).withOperator(operator)
            .withValues(zones).build())
        .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity().endAffinity().endSpec().build();
  }
  /** kubernetes#34583: the EBS volume's zone has no node left; the StatefulSet's pod stays Pending. */
  @Test
  void firesForAPendingPodWhoseVolumeZoneHasNoNodeLeft() {
    List<HasMetadata> objects = List.of(node("node-b", "zone-b"), zonalVolume("pv-data", "zone-a"),
        boundClaim("shop", "data", "pv-data"), pending(withClaim(pod("shop", "db-0", "node-b", "postgres:16"), "data")));

    assertThat(findings(rule, DEFAULTS, objects)).extracting(Finding::rule, Finding::object)
        .containsExactly(tuple("volume-zone-conflict", new ObjectRef("v1", "Pod", "shop", "db-0")));
  }

  @Test
  void firesForAPendingPodWhenEveryNodeOfTheVolumeZoneIsCordonedOrTaintedAgainstIt() {
    Node cordoned = new NodeBuilder(node("node-a", "zone-a")).editOrNewSpec().withUnschedulable(true).endSpec().build();
    Node tainted = new NodeBuilder(node("node-a2", "zone-a")).editOrNewSpec()
        .addNewTaint().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").endTaint().endSpec().build();
    List<HasMetadata> objects = List.of(cordoned, tainted, node("node-b", "zone-b"), zonalVolume("pv-data", "zone-a"),
        boundClaim("shop", "data", "pv-data"), pending(withClaim(pod("shop", "db-0", "node-b", "postgres:16"), "data")));

    assertThat(findings(rule, DEFAULTS, objects)).extracting(Finding::rule).containsExactly("volume-zone-conflict");
  }

  @Test
  void quietForAPendingPodThatToleratesTheTaintOfANodeInTheVolumeZone() {
    Node tainted = new NodeBuilder(node("node-a", "zone-a")).editOrNewSpec()
        .addNewTaint().withKey("dedicated").withValue("db").withEffect("NoSchedule").endTaint().endSpec().build();
    Pod db = new PodBuilder(pending(withClaim(pod("shop", "db-0", "node-b", "postgres:16"), "data"))).editSpec()
        .addNewToleration().withKey("dedicated").withOperator("Equal").withValue("db").withEffect("NoSchedule")
        .endToleration().endSpec().build();
    List<HasMetadata> objects = List.of(tainted, node("node-b", "zone-b"), zonalVolume("pv-data", "zone-a"),
        boundClaim("shop", "data", "pv-data"), db);

    assertThat(findings(rule, DEFAULTS, objects)).isEmpty();
  }

  @Test
  void firesForAPendingPodWhoseNodeSelectorNoNodeOfTheVolumeZoneCarries() {
    Pod db = new PodBuilder(pending(withClaim(pod("shop", "db-0", "node-b", "postgres:16"), "data"))).editSpec()
        .addToNodeSelector("disktype", "nvme").endSpec().build();

    assertThat(run(db)).extracting(Finding::rule).containsExactly("volume-zone-conflict");
  }

  @Test
  void quietForAPendingPodWithAnUntaintedNodeInTheVolumeZone() {
    assertThat(run(pending(withClaim(pod("shop", "db-0", "node-b", "postgres:16"), "data")))).isEmpty();
  }
}
