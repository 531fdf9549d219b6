package dev.haguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.SecretRef;
import dev.haguard.support.PolicySpecBuilder;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spec.etcd.endpoints} and {@code spec.etcd.tlsSecretRef}: resolved, or rejected naming the field. */
class EtcdProbePolicyTest {

  static ClusterPolicySpec withEtcd(List<String> endpoints, SecretRef tls) {
    return PolicySpecBuilder.spec().etcdProbe(endpoints, tls).build();
  }

  @Test
  void endpointsAndSecretAreResolved() throws InvalidPolicyException {
    Policy policy = PolicyResolver.resolve(withEtcd(
        List.of("https://10.0.0.11:2379", "http://[fd00::1]:2379"), new SecretRef("kube-system", "etcd-healthcheck")));

    assertThat(policy.etcdEndpoints())
        .containsExactly(URI.create("https://10.0.0.11:2379"), URI.create("http://[fd00::1]:2379"));
    assertThat(policy.etcdTlsSecretRef()).isEqualTo(new SecretRef("kube-system", "etcd-healthcheck"));
  }

  @Test
  void noEndpointsMeansNoProbe() {
    Policy policy = PolicyResolver.defaults();

    assertThat(policy.etcdEndpoints()).isEmpty();
    assertThat(policy.etcdTlsSecretRef()).isNull();
  }

  @Test
  void everyBadEndpointIsNamedByItsIndex() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyResolver.resolve(withEtcd(
        List.of("https://10.0.0.11:2379", "ftp://10.0.0.12:2379", "https://10.0.0.13", "https://user:pw@h:2379",
            "10.0.0.14:2379", "https://h:2379/v3"), null)));

    assertThat(e.errors()).extracting(SpecError::field).containsExactly(
        "spec.etcd.endpoints[1]", "spec.etcd.endpoints[2]", "spec.etcd.endpoints[3]", "spec.etcd.endpoints[4]",
        "spec.etcd.endpoints[5]");
  }

  @Test
  void aBadSecretRefIsNamedByField() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
        () -> PolicyResolver.resolve(withEtcd(List.of("https://10.0.0.11:2379"), new SecretRef("Kube_System", null))));

    assertThat(e.errors()).extracting(SpecError::field)
        .containsExactly("spec.etcd.tlsSecretRef.namespace", "spec.etcd.tlsSecretRef.name");
  }
}
