package dev.haguard.analysis.disruption;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.support.TestObjects.podOf;
import static dev.haguard.support.TestObjects.replicaSetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four PDB rules, each both ways. */
class DisruptionRulesTest {
  private static final Policy POLICY = PolicyResolver.defaults();
  private final Deployment web = deployment("shop", "web", 3, "nginx:1.27");
  private final List<HasMetadata> objects = new ArrayList<>();

  DisruptionRulesTest() {
    ReplicaSet rs = replicaSetOf(web);
    objects.addAll(List.of(web, rs, podOf(rs, 0, "n1"), podOf(rs, 1, "n2"), podOf(rs, 2, "n3")));
  }

  private static PodDisruptionBudget pdb(String name, String app, IntOrString min, IntOrString max) {
    return new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata()
        .withNewSpec().withMinAvailable(min).withMaxUnavailable(max)
        .withNewSelector().addToMatchLabels("app", app).endSelector().endSpec().build();
  }

  private List<HasMetadata> with(HasMetadata... more) {
    List<HasMetadata> all = new ArrayList<>(objects);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void blocksDrainFiresOnMinAvailableAtReplicasAndOnMaxUnavailableZeroButNotOnRoomForOne() {
    PodDisruptionBudget atReplicas = pdb("web", "web", new IntOrString(3), null);
    assertSingleFinding(findings(new PdbBlocksDrainRule(), POLICY, with(atReplicas)), "pdb-blocks-drain",
        Severity.WARNING, ObjectRef.of(atReplicas));
    PodDisruptionBudget zero = pdb("web", "web", null, new IntOrString(0));
    assertThat(findings(new PdbBlocksDrainRule(), POLICY, with(zero))).hasSize(1);
    PodDisruptionBudget hundredPercent = pdb("web", "web", new IntOrString("100%"), null);
    assertThat(findings(new PdbBlocksDrainRule(), POLICY, with(hundredPercent))).hasSize(1);

    assertThat(findings(new PdbBlocksDrainRule(), POLICY, with(pdb("web", "web", new IntOrString(2), null)))).isEmpty();
    assertThat(findings(new PdbBlocksDrainRule(), POLICY, with(pdb("web", "web", null, new IntOrString("34%")))))
        .isEmpty();
  }

  @Test
  void selectsNothingFiresOnAWrongSelectorOnly() {
    PodDisruptionBudget typo = pdb("web", "wbe", null, new IntOrString(1));
    assertSingleFinding(findings(new PdbSelectsNothingRule(), POLICY, with(typo)), "pdb-selects-nothing",
        Severity.WARNING, ObjectRef.of(typo));
    assertThat(findings(new PdbSelectsNothingRule(), POLICY, with(pdb("web", "web", null, new IntOrString(1)))))
        .isEmpty();
  }

  @Test
  void overlappingFiresOnceForAWorkloadCoveredTwiceAndNotForOneBudget() {
    assertSingleFinding(findings(new PdbOverlappingRule(), POLICY,
            with(pdb("a", "web", null, new IntOrString(1)), pdb("b", "web", new IntOrString(1), null))),
        "pdb-overlapping", Severity.WARNING, ObjectRef.of(web));
    assertThat(findings(new PdbOverlappingRule(), POLICY,
        with(pdb("a", "web", null, new IntOrString(1)), pdb("b", "other", new IntOrString(1), null)))).isEmpty();
  }

  /** The operator's caches hand objects over in another order than a file: the finding must not change. */
  @Test
  void overlappingNamesTheSamePodAndBudgetsWhateverTheOrderOfTheObjects() {
    PodDisruptionBudget a = pdb("a", "web", null, new IntOrString(1));
    PodDisruptionBudget b = pdb("b", "web", new IntOrString(1), null);
    List<HasMetadata> reversed = new ArrayList<>(with(b, a));
    Collections.reverse(reversed);

    assertThat(findings(new PdbOverlappingRule(), POLICY, reversed))
        .isEqualTo(findings(new PdbOverlappingRule(), POLICY, with(a, b)))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("-0 is covered by 2 PDBs [a, b]"));
  }

  @Test
  void missingFiresOnAnUncoveredMultiReplicaWorkloadAsInfo() {
    assertSingleFinding(findings(new PdbMissingRule(), POLICY, objects), "pdb-missing", Severity.INFO,
        ObjectRef.of(web));
    assertThat(findings(new PdbMissingRule(), POLICY, with(pdb("web", "web", null, new IntOrString(1))))).isEmpty();
    // A workload with no pods yet is judged by its template's labels.
    Deployment fresh = deployment("shop", "fresh", 2, "nginx:1.27");
    assertThat(findings(new PdbMissingRule(), POLICY, List.of(fresh, pdb("fresh", "fresh", null, new IntOrString(1)))))
        .isEmpty();
    assertThat(findings(new PdbMissingRule(), POLICY, List.of(fresh))).hasSize(1);
    assertThat(findings(new PdbMissingRule(), POLICY, List.of(deployment("shop", "solo", 1, "nginx:1.27")))).isEmpty();
  }
}
