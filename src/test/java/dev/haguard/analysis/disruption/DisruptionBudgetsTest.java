package dev.haguard.analysis.disruption;

import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.notReady;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Budgets against figures computed by hand from the disruption controller's rules (ceil for percentages). */
class DisruptionBudgetsTest {

  @ParameterizedTest(name = "replicas {0}, ready {1}, minAvailable {2}, maxUnavailable {3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      // replicas | ready | minAvailable | maxUnavailable | expected | desiredHealthy | disruptionsAllowed
      "3 | 3 | 2    | -    | 3 | 2 | 1",
      "3 | 3 | 3    | -    | 3 | 3 | 0",
      "3 | 2 | 2    | -    | 3 | 2 | 0",
      "3 | 3 | 50%  | -    | 3 | 2 | 1",   // ceil(1.5) = 2
      "4 | 4 | 50%  | -    | 4 | 2 | 2",
      "3 | 3 | -    | 1    | 3 | 2 | 1",
      "3 | 3 | -    | 0    | 3 | 3 | 0",
      "3 | 3 | -    | 25%  | 3 | 2 | 1",   // ceil(0.75) = 1 unavailable
      "10 | 10 | -  | 25%  | 10 | 7 | 3",  // ceil(2.5) = 3
      "2 | 2 | 100% | -    | 2 | 2 | 0",
      "3 | 3 | 5    | -    | 3 | 5 | 0",
      "1 | 1 | -    | 100% | 1 | 0 | 1"})
  void budgetAsTheDisruptionControllerComputesIt(int replicas, int ready, String minAvailable, String maxUnavailable,
      int expected, int desired, int allowed) {
    List<HasMetadata> objects = new ArrayList<>();
    Deployment d = deployment("shop", "web", replicas, "nginx:1.27");
    ReplicaSet rs = replicaSetOf(d);
    objects.add(d);
    objects.add(rs);
    for (int i = 0; i < replicas; i++) {
      objects.add(i < ready ? podOf(rs, i, "n" + i) : notReady(podOf(rs, i, "n" + i)));
    }
    objects.add(TestObjects.pod("other", "web-elsewhere", "n0", "nginx:1.27")); // same label, other namespace
    objects.add(new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
        .withNewSpec().withMinAvailable(intOrString(minAvailable)).withMaxUnavailable(intOrString(maxUnavailable))
        .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build());

    DisruptionBudget b = DisruptionBudgets.of(ClusterSnapshot.builder().addAll(objects).build()).all().get(0);

    assertThat(b.pods()).hasSize(replicas);
    assertThat(b.expectedPods()).isEqualTo(expected);
    assertThat(b.desiredHealthy()).isEqualTo(desired);
    assertThat(b.currentHealthy()).isEqualTo(ready);
    assertThat(b.disruptionsAllowed()).isEqualTo(allowed);
    assertThat(b.problem()).isNull();
  }

  private static IntOrString intOrString(String s) {
    return s == null ? null : s.endsWith("%") ? new IntOrString(s) : new IntOrString(Integer.parseInt(s));
  }

  @org.junit.jupiter.api.Test
  void percentageOverPodsWithoutScaleGrantsNothingAndSaysWhy() {
    PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("shop")
        .withName("bare").endMetadata().withNewSpec().withMaxUnavailable(new IntOrString("bogus"))
        .withNewSelector().addToMatchLabels("app", "debug").endSelector().endSpec().build();
    DisruptionBudget b = DisruptionBudgets.of(ClusterSnapshot.builder()
        .addAll(List.of(pdb, TestObjects.pod("shop", "debug", "n0", "busybox:1.36"))).build()).all().get(0);
    assertThat(b.problem()).contains("percentage");
    assertThat(b.disruptionsAllowed()).isZero();
  }
}
