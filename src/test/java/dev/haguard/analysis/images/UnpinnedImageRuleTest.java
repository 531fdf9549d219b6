package dev.haguard.analysis.images;

import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.analysis.RuleTesting.findings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.PolicySpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnpinnedImageRuleTest {
  private static final String PIN = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final UnpinnedImageRule rule = new UnpinnedImageRule();

  @Test
  void firesOnAVersionTagWithoutDigest() {
    Deployment web = deployment("shop", "web", 2, "registry.local:5000/team/web:1.4.2");
    assertThat(findings(rule, DEFAULTS, web))
        .extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("image-not-pinned", Severity.INFO, ObjectRef.of(web)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx:latest", "nginx", "nginx:1.25" + PIN, "app" + PIN,
      "nginx:"})
  void quietOnMutableTagsPinnedAndInvalidImages(String image) {
    assertThat(findings(rule, DEFAULTS, deployment("shop", "web", 1, image))).isEmpty();
  }

  @Test
  void aTagThePolicyCallsMutableIsNotReportedTwice() throws Exception {
    Policy stable = PolicySpecBuilder.spec().mutableTags("stable").resolve();
    assertThat(findings(rule, stable, deployment("shop", "web", 1, "nginx:stable"))).isEmpty();
    assertThat(findings(rule, stable, deployment("shop", "web", 1, "nginx:latest"))).hasSize(1);
  }

  @Test
  void quietInExcludedNamespaces() {
    assertThat(findings(rule, DEFAULTS, deployment("kube-system", "coredns", 2, "coredns:1.11"))).isEmpty();
  }
}
