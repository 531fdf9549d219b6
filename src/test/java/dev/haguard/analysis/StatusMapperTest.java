package dev.haguard.analysis;

import static dev.haguard.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the one status mapper adds around an analysis: the Enforcing condition, transition times, an invalid spec. */
class StatusMapperTest {
  private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
  private static final AnalysisResult ONE_BARE_POD = Analyzer.standard(Clock.fixed(NOW, ZoneOffset.UTC)).analyze(
      ClusterSnapshot.builder().addAll(List.of(pod("shop", "debug", "n1", "busybox:1.36"))).build(),
      PolicyResolver.defaults());

  @Test
  void theActingEnforcePolicySaysSoAndAnotherNamesIt() {
    Condition acts = enforcing(new StatusMapper.Enforcement("a", "a"));
    assertThat(acts.getStatus()).isEqualTo("True");
    assertThat(acts.getReason()).isEqualTo("EnforcePolicy");

    Condition waits = enforcing(new StatusMapper.Enforcement("b", "a"));
    assertThat(waits.getStatus()).isEqualTo("False");
    assertThat(waits.getReason()).isEqualTo("EnforceConflict");
    assertThat(waits.getMessage()).startsWith("ClusterPolicy a is older");
    assertThat(waits.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void auditCarriesNoEnforcingConditionAndNoActions() {
    ClusterPolicyStatus status = StatusMapper.forStatus().status(ONE_BARE_POD);

    assertThat(status.conditions()).extracting(Condition::getType).doesNotContain("Enforcing");
    assertThat(status.actions()).isNull();
  }

  @Test
  void reportsWrittenSaysWhichApiOrWhyNone() {
    ClusterPolicyStatus status = StatusMapper.forStatus().status(ONE_BARE_POD);

    Condition written = reportsWritten(status, new StatusMapper.ReportsWritten("openreports.io/v1alpha1", 2, null));
    assertThat(written.getStatus()).isEqualTo("True");
    assertThat(written.getReason()).isEqualTo("ReportsWritten");
    assertThat(written.getMessage()).startsWith("2 openreports.io/v1alpha1 report(s)");

    Condition none = reportsWritten(status, StatusMapper.ReportsWritten.NOT_SERVED);
    assertThat(none.getStatus()).isEqualTo("False");
    assertThat(none.getReason()).isEqualTo("ReportApiNotServed");

    Condition refused = reportsWritten(status, new StatusMapper.ReportsWritten("wgpolicyk8s.io/v1alpha2", 0,
        "403 forbidden"));
    assertThat(refused.getStatus()).isEqualTo("False");
    assertThat(refused.getReason()).isEqualTo("ReportWriteFailed");
    assertThat(refused.getMessage()).contains("wgpolicyk8s.io/v1alpha2", "403 forbidden");
    assertThat(status.conditions()).extracting(Condition::getType).doesNotContain("ReportsWritten");
  }

  @Test
  void reportsWrittenKeepsItsTransitionTimeWhileItsStatusHolds() {
    ClusterPolicyStatus status = StatusMapper.forStatus().status(ONE_BARE_POD);
    ClusterPolicyStatus stored = StatusMapper.withReports(status, StatusMapper.ReportsWritten.NOT_SERVED, null,
        Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(last(StatusMapper.withReports(status, StatusMapper.ReportsWritten.NOT_SERVED, stored, NOW))
        .getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(last(StatusMapper.withReports(status, new StatusMapper.ReportsWritten("openreports.io/v1alpha1", 1,
        null), stored, NOW)).getLastTransitionTime()).isEqualTo(NOW.toString());
  }

  private static Condition reportsWritten(ClusterPolicyStatus status, StatusMapper.ReportsWritten written) {
    return last(StatusMapper.withReports(status, written, null, NOW));
  }

  private static Condition last(ClusterPolicyStatus status) {
    Condition last = status.conditions().get(status.conditions().size() - 1);
    assertThat(last.getType()).isEqualTo("ReportsWritten");
    return last;
  }

  @Test
  void aConditionThatKeepsItsStatusKeepsItsTransitionTime() {
    ClusterPolicyStatus first = StatusMapper.forStatus().status(ONE_BARE_POD);
    ClusterPolicyStatus stored = first.withConditions(first.conditions().stream()
        .map(c -> new ConditionBuilder(c)
            .withLastTransitionTime("2026-01-01T00:00:00Z").build()).toList());

    ClusterPolicyStatus next = StatusMapper.forStatus().status(ONE_BARE_POD,
        new StatusMapper.Reconcile(1L, List.of(), null, stored));

    assertThat(next.conditions()).extracting(Condition::getLastTransitionTime).containsOnly("2026-01-01T00:00:00Z");
    assertThat(StatusMapper.forStatus().status(ONE_BARE_POD).conditions())
        .extracting(Condition::getLastTransitionTime).containsOnly(NOW.toString());
  }

  @Test
  void anInvalidSpecIsReadyFalseAndNothingElse() {
    ClusterPolicyStatus status = StatusMapper.invalidSpec("spec.mode: must be Audit or Enforce", 2L, null, NOW);

    assertThat(status.summary()).isNull();
    assertThat(status.conditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getReason()).isEqualTo("InvalidSpec");
      assertThat(c.getMessage()).isEqualTo("spec.mode: must be Audit or Enforce");
      assertThat(c.getObservedGeneration()).isEqualTo(2L);
    });
  }

  private static Condition enforcing(StatusMapper.Enforcement enforcement) {
    return StatusMapper.forStatus().status(ONE_BARE_POD, new StatusMapper.Reconcile(3L, List.of(), enforcement, null))
        .conditions().stream().filter(c -> c.getType().equals("Enforcing")).findFirst().orElseThrow();
  }
}
