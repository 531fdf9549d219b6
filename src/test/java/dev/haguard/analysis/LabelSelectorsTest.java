package dev.haguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Selection as the API server does it, held two ways: hand-computed cases, and a property against
 * a second, string-based evaluator of kubectl's selector syntax that shares no code with the first.
 */
class LabelSelectorsTest {
  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "app=web                       | true",
      "app=db                        | false",
      "app=web,tier=front            | true",
      "app=web,tier=back             | false",
      "app In web;db                 | true",
      "app In db                     | false",
      "app NotIn db                  | true",
      "app NotIn web                 | false",
      "zone NotIn a                  | true",
      "tier Exists                   | true",
      "zone Exists                   | false",
      "zone DoesNotExist             | true",
      "app DoesNotExist              | false",
      "app=web,zone Exists           | false",
      "app=web,tier In front;back    | true",
      "<empty>                       | true"})
  void handComputedCases(String selector, boolean expected) {
    assertThat(LabelSelectors.matches(parse(selector), WEB)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void nullSelectorSelectsNothingAndEmptySelectsEverything() {
    assertThat(LabelSelectors.matches(null, WEB)).isFalse();
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of())).isTrue();
    assertThat(LabelSelectors.matches(parse("app NotIn web"), null)).isTrue();
  }

  /** "k=v,k Op v1;v2,k Exists" into a selector (matchLabels for k=v). */
  private static LabelSelector parse(String text) {
    LabelSelectorBuilder b = new LabelSelectorBuilder();
    if (text.equals("<empty>")) {
      return b.build();
    }
    for (String part : text.split(",")) {
      if (part.contains("=")) {
        String[] kv = part.split("=");
        b.addToMatchLabels(kv[0], kv[1]);
      } else {
        String[] words = part.split(" ");
        b.addNewMatchExpression().withKey(words[0]).withOperator(words[1])
            .withValues(words.length > 2 ? List.of(words[2].split(";")) : null).endMatchExpression();
      }
    }
    return b.build();
  }

  @Property(tries = 500)
  void agreesWithAStringEvaluatorOfTheSameSelector(
      @ForAll("selectors") LabelSelector selector, @ForAll("labels") Map<String, String> labels) {
    assertThat(LabelSelectors.matches(selector, labels)).isEqualTo(secondOpinion(selector, labels));
  }

  /** Evaluates each requirement from its kubectl-style text form, as sets of "k=v" strings. */
  private static boolean secondOpinion(LabelSelector selector, Map<String, String> labels) {
    List<String> have = new ArrayList<>();
    labels.forEach((k, v) -> have.add(k + "=" + v));
    List<String> keys = new ArrayList<>(labels.keySet());
    if (selector.getMatchLabels() != null) {
      for (var e : selector.getMatchLabels().entrySet()) {
        if (!have.contains(e.getKey() + "=" + e.getValue())) {
          return false;
        }
      }
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      long hits = r.getValues() == null ? 0 : r.getValues().stream().filter(v -> have.contains(r.getKey() + "=" + v)).count();
      boolean ok = switch (r.getOperator()) {
        case "In" -> hits > 0;
        case "NotIn" -> hits == 0;
        case "Exists" -> keys.contains(r.getKey());
        default -> !keys.contains(r.getKey());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<LabelSelector> selectors() {
    Arbitrary<String> keys = Arbitraries.of("app", "tier", "zone");
    Arbitrary<String> values = Arbitraries.of("web", "db", "front", "a");
    Arbitrary<LabelSelectorRequirement> requirement = Combinators.combine(
        keys, Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"), values.list().ofMinSize(1).ofMaxSize(2))
        .as((k, op, vs) -> new LabelSelectorRequirement(k, op, op.endsWith("In") ? vs : null));
    return Combinators.combine(Arbitraries.maps(keys, values).ofMaxSize(2), requirement.list().ofMaxSize(3))
        .as((ml, exprs) -> new LabelSelectorBuilder().withMatchLabels(ml).withMatchExpressions(exprs).build());
  }

  @Provide
  Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of("app", "tier", "zone", "other"), Arbitraries.of("web", "db", "front", "a"))
        .ofMaxSize(4);
  }
}
