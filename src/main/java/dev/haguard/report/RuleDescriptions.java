package dev.haguard.report;

import dev.haguard.policy.RuleId;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** What each rule fires on, in one line: the README's rule table, for outputs that describe their rules. */
public final class RuleDescriptions {
  private static final Properties DESCRIPTIONS = load();

  private RuleDescriptions() {}

  /** The one-line description of {@code rule}. */
  public static String of(RuleId rule) {
    String text = DESCRIPTIONS.getProperty(rule.id());
    if (text == null) {
      throw new IllegalStateException("rule-descriptions.properties lacks " + rule.id());
    }
    return text;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = RuleDescriptions.class.getResourceAsStream("rule-descriptions.properties");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
