package dev.haguard.analysis.whatif;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** Spread constraints and required anti-affinity both count. */
class SpreadConstraintUnsatisfiableRuleTest {
  private static Deployment spread(int replicas, String key, String when, Integer minDomains) {
    return new DeploymentBuilder(deployment("shop", "web", replicas, "nginx:1.27")).editSpec().editTemplate()
        .editSpec().addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey(key).withWhenUnsatisfiable(when)
        .withMinDomains(minDomains).withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector()
        .endTopologySpreadConstraint().endSpec().endTemplate().endSpec().build();
  }

  private static Deployment antiAffinity(int replicas, String key) {
    return new DeploymentBuilder(deployment("shop", "web", replicas, "nginx:1.27")).editSpec().editTemplate()
        .editSpec().withNewAffinity().withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withTopologyKey(key).withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
        .endSpec().endTemplate().endSpec().build();
  }

  @Test
  void topologyKeyOnNoNodeFiresForDoNotSchedule() {
    Deployment d = spread(2, "example.com/rack", "DoNotSchedule", null);
    assertSingleFinding(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), d), "spread-constraint-unsatisfiable", Severity.WARNING, ObjectRef.of(d));
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), spread(2, TestObjects.ZONE_LABEL, "DoNotSchedule", null))).isEmpty();
  }

  @Test
  void scheduleAnywayIsAPreferenceThatNeverKeepsPodsPending() {
    // A chart's zone spread on a cluster whose nodes have no zone label (k3s, bare metal): pods still schedule.
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), spread(2, "example.com/rack", "ScheduleAnyway", null))).isEmpty();
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), spread(3, TestObjects.ZONE_LABEL, "ScheduleAnyway", 3))).isEmpty();
  }

  @Test
  void minDomainsAboveTheDomainsThatExistFiresAndAtThemStaysQuiet() {
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), spread(3, TestObjects.ZONE_LABEL, "DoNotSchedule", 3))).hasSize(1);
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), node("n3", "c"), spread(3, TestObjects.ZONE_LABEL, "DoNotSchedule", 3)))
        .isEmpty();
  }

  @Test
  void antiAffinityWithMoreReplicasThanDomainsFiresAndWithEnoughStaysQuiet() {
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), antiAffinity(3, TestObjects.ZONE_LABEL))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("anti-affinity"));
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), node("n2", "b"), antiAffinity(2, TestObjects.ZONE_LABEL))).isEmpty();
  }

  @Test
  void taintedNodesAreNoDomainForPodsThatDoNotTolerateThem() {
    assertThat(findings(new SpreadConstraintUnsatisfiableRule(), PolicyResolver.defaults(),
        node("n1", "a"), TestObjects.controlPlaneNode("cp", "b"), antiAffinity(2, TestObjects.ZONE_LABEL)))
        .hasSize(1);
  }
}
