package dev.haguard.analysis.etcd;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.RuleTesting;
import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.PolicySpecBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** etcd-not-observed both ways, and etcd-zone-spof's advice for two zones against three. */
class EtcdVisibilityAndZoneAdviceTest {
  private static final ObjectRef ETCD = new ObjectRef(null, "EtcdCluster", "kube-system", "etcd");

  /** An etcd member on a control-plane node in each of {@code zones}, and a worker in zone a. */
  private static List<HasMetadata> members(String... zones) {
    List<HasMetadata> objects = new ArrayList<>(List.of(node("w-a", "a")));
    for (int i = 0; i < zones.length; i++) {
      objects.add(controlPlaneNode("cp-" + i, zones[i]));
      objects.add(etcdPod("cp-" + i));
    }
    return objects;
  }

  @Test
  void notObservedFiresWhenNothingShowsEtcd() {
    List<Finding> found = RuleTesting.findings(new EtcdNotObservedRule(), PolicyResolver.defaults(), members());

    assertSingleFinding(found, "etcd-not-observed", Severity.INFO, ETCD);
    assertThat(found.get(0).remediation()).contains("--etcd-endpoints", "spec.etcd.expectedMembers");
  }

  @Test
  void notObservedIsQuietWhenEtcdPodsShow() {
    assertThat(RuleTesting.findings(new EtcdNotObservedRule(), PolicyResolver.defaults(), members("a"))).isEmpty();
  }

  @Test
  void notObservedIsQuietWhenThePolicyDeclaresAnExternalEtcd() throws Exception {
    var declared = PolicySpecBuilder.spec().etcdMembers(3, null).resolve();

    assertThat(RuleTesting.findings(new EtcdNotObservedRule(), declared, members())).isEmpty();
  }

  @Test
  void withTwoZonesTheZoneSpofFixAsksForAThirdZoneOrAWitness() {
    List<Finding> found = RuleTesting.findings(new EtcdZoneSpofRule(), PolicyResolver.defaults(),
        members("a", "a", "b"));

    assertThat(found).singleElement().satisfies(f -> assertThat(f.remediation())
        .contains("third zone", "witness").doesNotContain("1+1+1", "over 3 zones"));
  }

  @Test
  void withThreeZonesTheZoneSpofFixSpreadsOverThem() {
    List<HasMetadata> objects = new ArrayList<>(members("a", "a", "b"));
    objects.add(node("w-c", "c"));

    List<Finding> found = RuleTesting.findings(new EtcdZoneSpofRule(), PolicyResolver.defaults(), objects);

    assertThat(found).singleElement().satisfies(f -> assertThat(f.remediation())
        .contains("1+1+1").doesNotContain("witness"));
  }
}
