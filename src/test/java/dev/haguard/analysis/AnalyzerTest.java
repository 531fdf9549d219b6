package dev.haguard.analysis;

import static dev.haguard.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.SeverityOverride;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.PolicySpecBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Analyzer adds around the rules: order, the cap, the summary, conditions, overrides. */
class AnalyzerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void statusKeepsAtMost200FindingsAndCountsTheRest() {
    List<HasMetadata> barePods = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      barePods.add(pod("shop", String.format("debug-%03d", i), "n1", "busybox:1.36"));
    }
    ClusterPolicyStatus status = analyze(PolicyResolver.defaults(), barePods);

    assertThat(status.findings()).hasSize(StatusMapper.MAX_FINDINGS);
    // 250 pod-bare, 250 image-not-pinned, and etcd-not-observed: these pods show no etcd.
    assertThat(status.findingsTruncated()).isEqualTo(250 * 2 + 1 - StatusMapper.MAX_FINDINGS);
    assertThat(status.summary()).isEqualTo(new ClusterPolicyStatus.Summary(0, 250, 251));
    // Worst first: every warning (pod-bare) comes before any info (image-not-pinned).
    assertThat(status.findings()).extracting(Finding::rule).containsOnly("pod-bare");
    assertThat(status.findings()).isSortedAccordingTo(Findings.ORDER);
  }

  @Test
  void theResultKeysFindingsByRule() {
    AnalysisResult result = Analyzer.standard(CLOCK).analyze(ClusterSnapshot.builder()
        .addAll(List.of(pod("shop", "b", "n1", "busybox:1.36"), pod("shop", "a", "n1", "busybox:1.36"))).build(),
        PolicyResolver.defaults());

    assertThat(result.findingsOf(RuleId.POD_BARE)).extracting(f -> f.object().name()).containsExactly("a", "b");
    assertThat(result.findingsOf(RuleId.ZONE_SINGLE)).isEmpty();
  }

  @Test
  void noFindingsMeansEveryConditionTrue() {
    ClusterPolicyStatus status = analyze(PolicyResolver.defaults(), List.of());

    assertThat(status.findingsTruncated()).isNull();
    assertThat(status.conditions()).extracting(Condition::getType)
        .containsExactly("Ready", "EtcdQuorum", "ApiServerHA", "ZoneSpread", "ImagesPinned", "NoBarePods");
    assertThat(status.conditions()).extracting(Condition::getStatus).containsOnly("True");
  }

  @Test
  void aWarningTurnsItsFamilyFalseButLeavesReady() {
    ClusterPolicyStatus status = analyze(PolicyResolver.defaults(), List.of(pod("shop", "debug", "n1", "busybox:1.36")));

    assertThat(condition(status, "NoBarePods").getStatus()).isEqualTo("False");
    assertThat(condition(status, "NoBarePods").getReason()).isEqualTo("PodBare");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void severityOverridesRaiseOrSilenceARule() throws Exception {
    List<HasMetadata> objects = List.of(pod("shop", "debug", "n1", "busybox:1.36"));

    ClusterPolicyStatus raised = analyze(overriding("pod-bare", SeverityOverride.CRITICAL), objects);
    assertThat(raised.summary().critical()).isEqualTo(1);
    assertThat(condition(raised, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(raised, "Ready").getReason()).isEqualTo("PodBare");

    ClusterPolicyStatus silenced = analyze(overriding("pod-bare", SeverityOverride.OFF), objects);
    assertThat(silenced.findings()).extracting(Finding::rule).doesNotContain("pod-bare");
  }

  @Test
  void transitionTimesSurviveWhileAConditionKeepsItsStatus() {
    Condition before = new ConditionBuilder().withType("Ready").withStatus("True")
        .withLastTransitionTime("2026-01-01T00:00:00Z").build();
    Condition sameStatus = new ConditionBuilder(before).withLastTransitionTime("2026-11-25T10:00:00Z").build();
    Condition flipped = new ConditionBuilder(sameStatus).withStatus("False").build();

    assertThat(Conditions.keepTransitionTimes(List.of(before), List.of(sameStatus)))
        .singleElement().extracting(Condition::getLastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(Conditions.keepTransitionTimes(List.of(before), List.of(flipped)))
        .singleElement().extracting(Condition::getLastTransitionTime).isEqualTo("2026-11-25T10:00:00Z");
  }

  private static ClusterPolicyStatus analyze(Policy policy, List<HasMetadata> objects) {
    return StatusMapper.forStatus().status(
        Analyzer.standard(CLOCK).analyze(ClusterSnapshot.builder().addAll(objects).build(), policy),
        new StatusMapper.Reconcile(1L, List.of(), null, null));
  }

  private static Policy overriding(String rule, SeverityOverride level) throws Exception {
    return PolicySpecBuilder.spec().severity(rule, level).resolve();
  }

  private static Condition condition(ClusterPolicyStatus status, String type) {
    return status.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }
}
