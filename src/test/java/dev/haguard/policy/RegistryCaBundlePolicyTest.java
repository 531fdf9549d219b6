package dev.haguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.support.PolicySpecBuilder;
import org.junit.jupiter.api.Test;

/** {@code spec.images.registryCaBundle}: PEM certificates, or rejected naming the field. */
class RegistryCaBundlePolicyTest {
  private static ClusterPolicySpec withCaBundle(String pem) {
    return PolicySpecBuilder.spec().registryCaBundle(pem).build();
  }

  @Test
  void aPemBundleIsKept() throws InvalidPolicyException {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    assertThat(PolicyResolver.resolve(withCaBundle(pem)).registryCaBundle()).isEqualTo(pem);
    assertThat(PolicyResolver.defaults().registryCaBundle()).isNull();
  }

  @Test
  void textWithoutACertificateIsRejected() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
        () -> PolicyResolver.resolve(withCaBundle("not a certificate")));

    assertThat(e.errors()).extracting(SpecError::field).containsExactly("spec.images.registryCaBundle");
  }
}
