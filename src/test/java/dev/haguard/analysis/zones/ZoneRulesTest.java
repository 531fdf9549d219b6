package dev.haguard.analysis.zones;

import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.legacyZoneNode;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.notReady;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static dev.haguard.support.TestObjects.statefulSet;
import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Rule;
import dev.haguard.analysis.RuleTesting;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every zone rule, both ways. Cluster-wide findings name Cluster/zones and ControlPlane/control-plane. */
class ZoneRulesTest {
  private static final ObjectRef ZONES = new ObjectRef(null, "Cluster", null, "zones");
  private static final ObjectRef CONTROL_PLANE = new ObjectRef(null, "ControlPlane", null, "control-plane");
  private static final List<HasMetadata> THREE_ZONE_WORKERS = List.of(node("w-a", "a"), node("w-b", "b"), node("w-c", "c"));

  private static List<Finding> run(Rule rule, List<HasMetadata> objects) {
    return RuleTesting.findings(rule, PolicyResolver.defaults(), objects);
  }

  private static List<HasMetadata> with(List<HasMetadata> base, HasMetadata... more) {
    List<HasMetadata> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private static void assertSingle(List<Finding> findings, String rule, ObjectRef object) {
    assertSingleFinding(findings, rule, Severity.WARNING, object);
  }

  @Nested
  class ZoneSingle {
    private final Rule rule = new ZoneSingleRule();

    @Test
    void firesWhenEveryNodeIsInOneZone() {
      assertSingle(run(rule, List.of(node("n-0", "a"), node("n-1", "a"))), "zone-single", ZONES);
    }

    @Test
    void firesWhenNoNodeCarriesAZone() {
      assertSingle(run(rule, List.of(node("n-0", null), node("n-1", null))), "zone-single", ZONES);
    }

    @Test
    void firesWhenTheLegacyLabelsNameOneZone() {
      assertSingle(run(rule, List.of(legacyZoneNode("n-0", "a"), legacyZoneNode("n-1", "a"))), "zone-single", ZONES);
    }

    @Test
    void quietForSeveralZones() {
      assertThat(run(rule, THREE_ZONE_WORKERS)).isEmpty();
    }

    @Test
    void quietWhenOnlyTheLegacyLabelNamesTheZones() {
      assertThat(run(rule, List.of(legacyZoneNode("n-0", "a"), legacyZoneNode("n-1", "b")))).isEmpty();
    }

    @Test
    void quietWithoutNodes() {
      assertThat(run(rule, List.of())).isEmpty();
    }

    @Test
    void firesWhenAksNodesNameOnlyFaultDomains() {
      // AKS labels a node outside any availability zone with its fault domain: 0, 1, 2 are no zones.
      assertSingle(run(rule, List.of(aksNode("n-0", "0"), aksNode("n-1", "1"), aksNode("n-2", "2"))), "zone-single", ZONES);
    }

    @Test
    void quietForAksNodesInRealZones() {
      assertThat(run(rule, List.of(aksNode("n-0", "eastus-1"), aksNode("n-1", "eastus-2")))).isEmpty();
      // A bare number is a zone where no AKS label says the node is Azure's.
      assertThat(run(rule, List.of(node("n-0", "1"), node("n-1", "2")))).isEmpty();
    }
  }

  private static Node aksNode(String name, String zone) {
    return new NodeBuilder(node(name, zone)).editMetadata().addToLabels("kubernetes.azure.com/cluster", "MC_rg_prod")
        .addToLabels(Policy.LEGACY_ZONE_LABEL, zone).endMetadata().build();
  }

  @Nested
  class ControlPlaneZoneSpof {
    private final Rule rule = new ControlPlaneZoneSpofRule();

    @Test
    void firesWhenEveryControlPlaneNodeIsInOneOfSeveralZones() {
      List<HasMetadata> objects =
          with(THREE_ZONE_WORKERS, controlPlaneNode("cp-0", "a"), controlPlaneNode("cp-1", "a"));

      assertSingle(run(rule, objects), "control-plane-zone-spof", CONTROL_PLANE);
    }

    @Test
    void firesThroughTheLegacyZoneLabel() {
      Node legacyControlPlane = new NodeBuilder(legacyZoneNode("cp-0", "a"))
          .editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata().build();
      List<HasMetadata> objects = List.of(legacyControlPlane, legacyZoneNode("w-b", "b"), legacyZoneNode("w-c", "c"));

      assertSingle(run(rule, objects), "control-plane-zone-spof", CONTROL_PLANE);
    }

    @Test
    void quietWhenTheControlPlaneSpansZones() {
      List<HasMetadata> objects = with(THREE_ZONE_WORKERS,
          controlPlaneNode("cp-0", "a"), controlPlaneNode("cp-1", "b"), controlPlaneNode("cp-2", "c"));

      assertThat(run(rule, objects)).isEmpty();
    }

    @Test
    void quietInASingleZoneCluster() {
      assertThat(run(rule, List.of(controlPlaneNode("cp-0", "a"), node("w-a", "a")))).isEmpty();
    }

    @Test
    void quietWhenAControlPlaneNodeHasNoZone() {
      assertThat(run(rule, with(THREE_ZONE_WORKERS, controlPlaneNode("cp-0", "a"), controlPlaneNode("cp-1", null))))
          .isEmpty();
    }

    @Test
    void quietOnAManagedControlPlaneWithoutControlPlaneNodes() {
      assertThat(run(rule, THREE_ZONE_WORKERS)).isEmpty();
    }
  }

  @Nested
  class WorkloadZoneSpof {
    private final Rule rule = new WorkloadZoneSpofRule();
    private final Deployment web = deployment("shop", "web", 3, "registry.example.com/web:1.0");
    private final ReplicaSet webRs = replicaSetOf(web);

    @Test
    void firesOnTheDeploymentWhosePodsAllRunInOneZone() {
      List<HasMetadata> objects = with(THREE_ZONE_WORKERS, web, webRs,
          podOf(webRs, 0, "w-a"), podOf(webRs, 1, "w-a"), podOf(webRs, 2, "w-a"));

      assertSingle(run(rule, objects), "workload-zone-spof", ObjectRef.of(web));
    }

    @Test
    void countsOnlyReadyPods() {
      List<HasMetadata> objects = with(THREE_ZONE_WORKERS, web, webRs,
          podOf(webRs, 0, "w-a"), podOf(webRs, 1, "w-a"), notReady(podOf(webRs, 2, "w-b")));

      assertSingle(run(rule, objects), "workload-zone-spof", ObjectRef.of(web));
    }

    @Test
    void firesOnAStatefulSet() {
      StatefulSet db = statefulSet("shop", "db", 2, "registry.example.com/db:15");
      List<HasMetadata> objects = with(THREE_ZONE_WORKERS, db, podOf(db, 0, "w-b"), podOf(db, 1, "w-b"));

      assertSingle(run(rule, objects), "workload-zone-spof", ObjectRef.of(db));
    }

    @Test
    void quietWhenPodsSpanZones() {
      List<HasMetadata> objects = with(THREE_ZONE_WORKERS, web, webRs,
          podOf(webRs, 0, "w-a"), podOf(webRs, 1, "w-b"), podOf(webRs, 2, "w-a"));

      assertThat(run(rule, objects)).isEmpty();
    }

    @Test
    void quietForASingleReplica() {
      Deployment one = deployment("shop", "one", 1, "registry.example.com/one:1.0");
      ReplicaSet oneRs = replicaSetOf(one);

      assertThat(run(rule, with(THREE_ZONE_WORKERS, one, oneRs, podOf(oneRs, 0, "w-a")))).isEmpty();
    }

    @Test
    void quietInExcludedNamespaces() {
      Deployment dns = deployment("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.1");
      ReplicaSet dnsRs = replicaSetOf(dns);

      assertThat(run(rule, with(THREE_ZONE_WORKERS, dns, dnsRs, podOf(dnsRs, 0, "w-a"), podOf(dnsRs, 1, "w-a"))))
          .isEmpty();
    }

    @Test
    void quietWhenOnlyOneZoneIsSchedulable() {
      Node cordonedB = new NodeBuilder(node("w-b", "b")).editSpec().withUnschedulable(true).endSpec().build();
      List<HasMetadata> objects = List.of(node("w-a", "a"), cordonedB, controlPlaneNode("cp-c", "c"),
          web, webRs, podOf(webRs, 0, "w-a"), podOf(webRs, 1, "w-a"), podOf(webRs, 2, "w-a"));

      assertThat(run(rule, objects)).isEmpty();
    }
  }
}
