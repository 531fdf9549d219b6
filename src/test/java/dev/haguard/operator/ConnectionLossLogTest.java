package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.policy;
import static dev.haguard.operator.OperatorFixtures.threeZoneCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.support.CapturedLogs;
import dev.haguard.support.EmbeddedTier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server goes away under a running operator (every watch is reset and fails to reconnect),
 * then the operator and its client stop: at most one WARN or ERROR line, and no stack trace.
 */
@EmbeddedTier
class ConnectionLossLogTest {
  /** fabric8's HTTP client logs this (at DEBUG) when a request, such as a watch re-connecting, failed. */
  private static final String REQUEST_FAILED = "should be retried";

  @Test
  void aLostApiServerAndAStoppedClientLogAtMostOneLineAndNoStackTrace() {
    List<String> warnings;
    try (EmbeddedCluster cluster = EmbeddedCluster.start(); CapturedLogs logs = new CapturedLogs()) {
      cluster.seed(threeZoneCluster());
      cluster.client().resource(policy("default")).create();
      HaguardOperator operator = new HaguardOperator(cluster.client(), OperatorFixtures.settings());
      int before;
      try {
        operator.start();
        await().atMost(SETTLE).until(operator::ready);
        before = logs.warnings().size();
        int textBefore = logs.text().length();

        cluster.server().destroy();
        await().atMost(SETTLE).until(() -> operator.stuck().isPresent()
            && logs.text().substring(textBefore).contains(REQUEST_FAILED));
      } finally {
        operator.close();
      }
      cluster.client().close();
      List<String> all = logs.warnings();
      warnings = all.subList(before, all.size());
    }

    assertThat(warnings).as("%s", warnings).hasSizeLessThanOrEqualTo(1)
        .noneMatch(line -> line.contains("\tat "));
  }
}
