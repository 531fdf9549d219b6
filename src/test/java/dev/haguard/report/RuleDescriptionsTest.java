package dev.haguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.policy.RuleId;
import dev.haguard.support.ProjectFiles;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleDescriptionsTest {
  /** A row of README's rule table: | `id` | severity | condition | fires when |. */
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| [a-z]+ \\| \\w+ \\| (.+) \\|$");

  @Test
  void everyRuleIsDescribedAsReadmesRuleTableSays() throws Exception {
    Map<String, String> readme = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ProjectFiles.path("README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        readme.put(row.group(1), row.group(2));
      }
    }
    Map<String, String> described = new LinkedHashMap<>();
    for (RuleId rule : RuleId.values()) {
      described.put(rule.id(), RuleDescriptions.of(rule));
    }

    assertThat(described).isEqualTo(readme);
  }
}
