package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.support.GoldenCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code audit -o yaml} on every golden case prints its expected.yaml, byte for byte but for the times. */
class GoldenAuditTest {
  static Stream<String> cases() {
    return GoldenCases.names();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void auditPrintsTheExpectedStatus(String name) {
    AuditRun run = AuditRun.of(RuleCatalogue.all(), GoldenCases.DNS,
        "-f", GoldenCases.objects(name).toString(), "-o", "yaml", "--fail-on", "none");

    assertThat(run.exit()).as(run.err()).isZero();
    GoldenCases.assertMatches(name, GoldenCases.withoutTimes(run.out()));
  }
}
