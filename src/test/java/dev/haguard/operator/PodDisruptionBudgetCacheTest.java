package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.KeptFields;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import org.junit.jupiter.api.Test;

/** The PDB informer's cache keeps what the disruption rules and the what-if read, not the bookkeeping. */
class PodDisruptionBudgetCacheTest {
  @Test
  void cachedPdbKeepsSelectorBudgetAndStatusButNotManagedFieldsOrLastApplied() {
    PodDisruptionBudget decoded = new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("web").withNamespace("shop")
        .addToAnnotations(KeptFields.LAST_APPLIED, "{\"kind\":\"PodDisruptionBudget\"}")
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build()).endMetadata()
        .withNewSpec().withMinAvailable(new IntOrString("50%"))
        .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec()
        .withNewStatus().withDisruptionsAllowed(1).withCurrentHealthy(3).endStatus()
        .build();

    PodDisruptionBudget cached = KeptFields.of(PodDisruptionBudget.class).apply(decoded);

    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(cached.getSpec().getMinAvailable()).isEqualTo(new IntOrString("50%"));
    assertThat(cached.getSpec().getSelector().getMatchLabels()).containsOnlyKeys("app");
    assertThat(cached.getStatus().getDisruptionsAllowed()).isEqualTo(1);
    assertThat(cached.getStatus().getCurrentHealthy()).isEqualTo(3);
    // The informer hands the decoded object to JOSDK's event handler: it is never trimmed itself.
    assertThat(decoded.getMetadata().getManagedFields()).hasSize(1);
  }
}
