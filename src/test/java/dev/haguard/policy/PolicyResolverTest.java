package dev.haguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.api.v1alpha1.SeverityOverride;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyResolverTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** A ClusterPolicy read as the informer and {@code audit --policy} read it, with {@code spec} as YAML. */
  private static ClusterPolicy policy(String specYaml) {
    String yaml = "apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\nmetadata: {name: p}\nspec:\n"
        + specYaml.indent(2);
    return SERIALIZATION.unmarshal(yaml, ClusterPolicy.class);
  }

  @Test
  void defaultsFillEveryField() {
    Policy p = PolicyResolver.defaults();

    assertThat(p.mode()).isEqualTo(Mode.AUDIT);
    assertThat(p.excludedNamespaces()).isEqualTo(Set.of("kube-system", "kube-public", "kube-node-lease"));
    assertThat(p.etcdNamespace()).isEqualTo("kube-system");
    assertThat(p.etcdSelector()).isEqualTo(Map.of("component", "etcd"));
    assertThat(p.etcdExpectedMembers()).isNull();
    assertThat(p.etcdMaxMembers()).isEqualTo(7);
    assertThat(p.apiServerSelector()).isEqualTo(Map.of("component", "kube-apiserver"));
    assertThat(p.apiServerMinInstances()).isEqualTo(2);
    assertThat(p.zoneTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(p.mutableTags()).containsExactly("latest");
    assertThat(p.pinScope()).isEqualTo(PinScope.MUTABLE_TAGS);
    assertThat(p.pinSource()).isEqualTo(PinSource.RUNNING);
    assertThat(p.insecureRegistries()).isEmpty();
    assertThat(p.rewriteBarePods()).isTrue();
    assertThat(p.barePodReadyTimeoutSeconds()).isEqualTo(300);
    assertThat(p.severityOverrides()).isEmpty();
  }

  @Test
  void anEmptySpecAndAnAbsentSpecBothGetTheDefaults() throws Exception {
    assertThat(PolicyResolver.resolve(policy("{}"))).isEqualTo(PolicyResolver.defaults());
    ClusterPolicy noSpec = SERIALIZATION.unmarshal(
        "apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\nmetadata: {name: p}\n", ClusterPolicy.class);
    assertThat(PolicyResolver.resolve(noSpec)).isEqualTo(PolicyResolver.defaults());
  }

  @Test
  void aValidSpecIsTakenAsWritten() throws Exception {
    Policy p = PolicyResolver.resolve(policy("""
        mode: Enforce
        etcd: {expectedMembers: 5, maxMembers: 5}
        apiServer: {minInstances: 3}
        zones: {topologyKey: example.com/rack}
        images: {mutableTags: [latest, main], pinScope: All, insecureRegistries: ["registry.local:5000"]}
        severityOverrides: {image-not-pinned: "off", pod-bare: critical}
        """));

    assertThat(p.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(p.etcdExpectedMembers()).isEqualTo(5);
    assertThat(p.apiServerMinInstances()).isEqualTo(3);
    assertThat(p.zoneTopologyKey()).isEqualTo("example.com/rack");
    assertThat(p.mutableTags()).containsExactly("latest", "main");
    assertThat(p.insecureRegistries()).containsExactly("registry.local:5000");
    assertThat(p.severityOverrides())
        .containsEntry("image-not-pinned", SeverityOverride.OFF).containsEntry("pod-bare", SeverityOverride.CRITICAL);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "apiServer: {minInstances: 0}                    | spec.apiServer.minInstances",
      "barePods: {readyTimeoutSeconds: 0}              | spec.barePods.readyTimeoutSeconds",
      "etcd: {maxMembers: -1}                          | spec.etcd.maxMembers",
      "etcd: {expectedMembers: 0}                      | spec.etcd.expectedMembers",
      "etcd: {namespace: Kube_System}                  | spec.etcd.namespace",
      "etcd: {selector: {}}                            | spec.etcd.selector",
      "apiServer: {selector: {'bad key!': x}}          | spec.apiServer.selector",
      "apiServer: {selector: {component: 'no spaces'}} | spec.apiServer.selector.component",
      "zones: {topologyKey: 'not a/valid/key'}         | spec.zones.topologyKey",
      "excludedNamespaces: [ok, NotOk]                 | spec.excludedNamespaces[1]",
      "images: {mutableTags: ['-bad']}                 | spec.images.mutableTags[0]",
      "images: {insecureRegistries: ['http://x']}      | spec.images.insecureRegistries[0]",
      "severityOverrides: {no-such-rule: warning}      | spec.severityOverrides.no-such-rule",
  })
  void anInvalidFieldIsNamed(String spec, String field) {
    assertInvalidNaming(policy(spec), field);
  }

  @Test
  void everyErrorIsReportedAtOnce() {
    assertThatThrownBy(() -> PolicyResolver.resolve(policy(
        "apiServer: {minInstances: 0}\nbarePods: {readyTimeoutSeconds: 0}")))
        .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
          assertThat(e.errors()).extracting(SpecError::field)
              .containsExactly("spec.apiServer.minInstances", "spec.barePods.readyTimeoutSeconds");
          assertThat(e.getMessage()).doesNotContain("\n");
        });
  }

  /** Values the Java types cannot hold must not break reading the resource: they become an invalid spec. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "mode: Sometimes                       | spec.mode",
      "etcd: {maxMembers: seven}             | spec.etcd.maxMembers",
      "etcd: {maxMembers: 7, colour: blue}   | spec.etcd.colour",
      "unknownField: 1                       | spec.unknownField",
      "images: {pinScope: Everything}        | spec.images.pinScope",
      "barePods: {rewrite: sometimes}        | spec.barePods.rewrite",
      "severityOverrides: {pod-bare: loud}   | spec.severityOverrides.pod-bare",
      "excludedNamespaces: {a: b}            | spec.excludedNamespaces",
  })
  void aSpecThatDoesNotBindIsReadLenientlyAndNamesTheField(String spec, String field) {
    ClusterPolicy policy = policy(spec);

    assertThat(policy.getSpecBindingError()).startsWith(field + ":");
    assertThat(policy.getRawSpec()).isNotNull();
    assertInvalidNaming(policy, field);
  }

  private static void assertInvalidNaming(ClusterPolicy policy, String field) {
    assertThatThrownBy(() -> PolicyResolver.resolve(policy))
        .isInstanceOfSatisfying(InvalidPolicyException.class,
            e -> assertThat(e.errors()).extracting(SpecError::field).containsExactly(field));
  }
}
