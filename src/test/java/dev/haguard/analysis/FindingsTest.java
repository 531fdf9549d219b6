package dev.haguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.policy.RuleId;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The status shows the first findings selected without sorting them all, and conditions read the
 * findings unsorted: both must give what a full stable sort gave.
 */
class FindingsTest {
  private static final RuleId[] RULES =
      {RuleId.POD_BARE, RuleId.IMAGE_NOT_PINNED, RuleId.IMAGE_MUTABLE_TAG, RuleId.VOLUME_ZONE_CONFLICT};

  /** Many findings over few rules, namespaces and names, so that many tie on every compared field. */
  private static Findings randomFindings(long seed, int count) {
    Random random = new Random(seed);
    Findings findings = new Findings(Map.of());
    for (int i = 0; i < count; i++) {
      ObjectRef object = new ObjectRef("v1", "Pod", "ns-" + random.nextInt(3), "p-" + random.nextInt(20));
      // The remediation is not compared by ORDER: it tells tied findings apart in the result.
      findings.report(RULES[random.nextInt(RULES.length)], object, "m" + random.nextInt(2), "r" + i);
    }
    return findings;
  }

  private static List<Finding> stableSorted(Findings findings) {
    List<Finding> all = new ArrayList<>(findings.all());
    all.sort(Findings.ORDER);
    return all;
  }

  @Test
  void firstFindingsAreTheHeadOfAStableSort() {
    for (long seed = 0; seed < 20; seed++) {
      Findings findings = randomFindings(seed, 1000);
      List<Finding> sorted = stableSorted(findings);

      assertThat(findings.first(200)).containsExactlyElementsOf(sorted.subList(0, 200));
      assertThat(findings.first(1)).containsExactly(sorted.get(0));
    }
  }

  @Test
  void fewerFindingsThanTheLimitComeBackAllSorted() {
    Findings findings = randomFindings(7, 150);

    assertThat(findings.first(200)).containsExactlyElementsOf(stableSorted(findings));
    assertThat(findings.first(0)).isEmpty();
    assertThat(new Findings(Map.of()).first(200)).isEmpty();
  }

  @Test
  void conditionsDoNotDependOnTheOrderOfTheFindings() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    for (long seed = 0; seed < 20; seed++) {
      List<Finding> sorted = stableSorted(randomFindings(seed, 300));
      List<Finding> shuffled = new ArrayList<>(sorted);
      Collections.shuffle(shuffled, new Random(seed));

      List<Condition> fromSorted = Conditions.fromFindings(sorted, 1L, now);
      assertThat(Conditions.fromFindings(shuffled, 1L, now)).isEqualTo(fromSorted);
      // Ready names the worst critical finding: the first one in report order.
      Finding worst = sorted.get(0);
      assertThat(fromSorted.get(0).getMessage()).endsWith("first: " + worst.message());
      assertThat(fromSorted.get(0).getReason()).isEqualTo(RuleId.byId(worst.rule()).orElseThrow().reason());
    }
  }
}
