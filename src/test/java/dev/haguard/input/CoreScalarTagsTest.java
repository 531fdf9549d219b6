package dev.haguard.input;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** The shortcut for plain scalars gives the tag the core schema's own resolver (as YamlInput's settings use it) gives. */
class CoreScalarTagsTest {
  private static final ScalarResolver ENGINE = new CoreSchema().getScalarResolver();
  private final CoreScalarTags tags = new CoreScalarTags();

  @Test
  void theValuesEachPatternIsAboutGetTheEnginesTags() {
    for (String value : new String[] {"", "~", "null", "Null", "NULL", "nil", "true", "True", "TRUE", "false", "off",
        "yes", "on", "0", "-1", "+12", "0x1F", "0o17", "017", "1.5", "-.5", "1e3", "+.inf", "-.Inf", ".nan", ".NaN",
        "<<", "${HOME}", "$x", "nginx:latest", "kube-system", "10.0.0.1", "fd00::1", "2026-12-06T05:00:00Z",
        "6c9ce621-bed5", "n", "t", "f", "N", "é", "\u0000x"}) {
      assertThat(tags.plain(value)).as(value).isEqualTo(ENGINE.resolve(value, true));
    }
    assertThat(tags.plain("kube-system")).isEqualTo(Tag.STR);
    assertThat(tags.plain("1")).isEqualTo(Tag.INT);
  }

  @Property(tries = 3000)
  void anyPlainScalarGetsTheEnginesTag(
      @ForAll @StringLength(max = 12) @Chars({'~', '<', '$', '{', '}', '.', '-', '+', 'e', 'E', 'x', 'o', 'n', 'N',
          'u', 'l', 'L', 't', 'T', 'r', 'f', 'F', 'a', 's', 'i', 'I', 'y', ' ', ':', 'é', '\u00a0'}) @CharRange(from = '0', to = '9')
      String value) {
    assertThat(tags.plain(value)).isEqualTo(ENGINE.resolve(value, true));
  }
}
