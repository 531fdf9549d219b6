package dev.haguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.List;

/** Runs one rule through the Analyzer, as the catalogue would, and checks what it found. */
public final class RuleTesting {
  private RuleTesting() {}

  public static List<Finding> findings(Rule rule, Policy policy, ClusterSnapshot snapshot) {
    return new Analyzer(List.of(rule), Clock.systemUTC()).analyze(snapshot, policy).findings();
  }

  public static List<Finding> findings(Rule rule, Policy policy, List<? extends HasMetadata> objects) {
    return findings(rule, policy, ClusterSnapshot.builder().addAll(objects).build());
  }

  public static List<Finding> findings(Rule rule, Policy policy, HasMetadata... objects) {
    return findings(rule, policy, List.of(objects));
  }

  /** Exactly one finding, of {@code rule} at {@code severity} on {@code object}, with a message and a remediation. */
  public static void assertSingleFinding(List<Finding> findings, String rule, Severity severity, ObjectRef object) {
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(rule);
      assertThat(f.severity()).isEqualTo(severity);
      assertThat(f.object()).isEqualTo(object);
      assertThat(f.message()).isNotBlank();
      assertThat(f.remediation()).isNotBlank();
    });
  }
}
