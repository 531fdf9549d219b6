package dev.haguard.analysis.images;

import static dev.haguard.support.TestObjects.deployment;
import static dev.haguard.analysis.RuleTesting.findings;
import static dev.haguard.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidImageReferenceRuleTest {
  private static final String PIN = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final Policy DEFAULTS = PolicyResolver.defaults();
  private final InvalidImageReferenceRule rule = new InvalidImageReferenceRule();

  @ParameterizedTest
  @ValueSource(strings = {"Nginx:1.25", "nginx:", "my app:1", "nginx@sha256:abc", "team//app"})
  void firesOnStringsTheKubeletRefuses(String image) {
    Deployment web = deployment("shop", "web", 1, image);
    assertThat(findings(rule, DEFAULTS, web))
        .extracting(Finding::rule, Finding::severity, Finding::object)
        .containsExactly(tuple("image-invalid-reference", Severity.WARNING, ObjectRef.of(web)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "registry.local:5000/team/app", "nginx:1.25" + PIN})
  void quietOnValidReferences(String image) {
    assertThat(findings(rule, DEFAULTS, deployment("shop", "web", 1, image))).isEmpty();
  }

  @Test
  void quietInExcludedNamespaces() {
    assertThat(findings(rule, DEFAULTS, pod("kube-system", "x", "n1", "Bad:1"))).isEmpty();
  }

  @Test
  void theWholeCatalogueReportsItWithoutCrashing() {
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(java.util.List.of(
        deployment("shop", "web", 1, "Nginx:1.25"), pod("shop", "debug", "n1", " busybox"))).build();
    ClusterPolicyStatus status = StatusMapper.forCli().status(
        Analyzer.standard(Clock.systemUTC()).analyze(snapshot, DEFAULTS));
    assertThat(status.findings()).filteredOn(f -> f.rule().equals("image-invalid-reference")).hasSize(2);
    assertThat(status.findings())
        .noneMatch(f -> f.rule().startsWith("image-") && !f.rule().equals("image-invalid-reference"));
  }
}
