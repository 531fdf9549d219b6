package dev.haguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every spec field is validated: a bad value in any one of them makes the policy invalid, naming that field. */
class PolicyValidationCoverageTest {

  static List<SpecFields.Broken> brokenSpecs() {
    return SpecFields.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSpecs")
  void aBadValueInAnyFieldIsRefusedNamingIt(SpecFields.Broken broken) {
    ClusterPolicy policy = new ClusterPolicy();
    policy.setRawSpec(broken.spec());

    assertThatThrownBy(() -> PolicyResolver.resolve(policy))
        .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
          assertThat(e.errors()).extracting(SpecError::field).anyMatch(f -> f.startsWith(broken.field()));
          assertThat(e.getMessage()).doesNotContain("\n");
        });
  }

  @Test
  void everyFieldIsCovered() {
    assertThat(SpecFields.paths()).contains("spec.mode", "spec.etcd.endpoints", "spec.etcd.tlsSecretRef",
        "spec.etcd.tlsSecretRef.namespace", "spec.etcd.tlsSecretRef.name", "spec.severityOverrides",
        "spec.barePods.rewrite", "spec.images.insecureRegistries");
  }
}
