package dev.haguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haguard.support.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every alert carries what an on-call needs: a paging decision, words, and a runbook that exists. */
class AlertMetadataTest {
  static final String RUNBOOK_BASE = "https://github.com/haguard/haguard/blob/main/README.md#runbook-";

  @Test
  void everyAlertHasSeveritySummaryDescriptionAndRunbook() throws IOException {
    for (JsonNode alert : AlertRules.alerts()) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
      assertThat(alert.path("annotations").path("summary").asText()).as(name).isNotBlank();
      assertThat(alert.path("annotations").path("description").asText()).as(name).isNotBlank();
      assertThat(alert.path("annotations").path("runbook_url").asText()).as(name)
          .isEqualTo(RUNBOOK_BASE + name.toLowerCase(Locale.ROOT));
      assertThat(alert.path("for").asText()).as(name).isNotBlank();
    }
  }

  @Test
  void theAlertsOfTheIssueAreAllThere() throws IOException {
    assertThat(AlertRules.alertNames()).containsExactlyInAnyOrder(
        "HaguardEtcdQuorumLost", "HaguardEtcdQuorumAtRisk", "HaguardEtcdEvenMembers", "HaguardEtcdNoFaultTolerance",
        "HaguardApiServerNotHighlyAvailable", "HaguardZoneSpreadViolations", "HaguardVolumeZoneConflict",
        "HaguardMutableImageTags", "HaguardImageDigestDrift", "HaguardBarePods", "HaguardRemediationFailing",
        "HaguardOperatorDown", "HaguardReconcileErrors", "HaguardNodeLossNotSurvivable");
  }

  @Test
  void quorumAlertsPage() throws IOException {
    for (JsonNode alert : AlertRules.alerts()) {
      if (List.of("HaguardEtcdQuorumLost", "HaguardEtcdQuorumAtRisk").contains(alert.path("alert").asText())) {
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
      }
    }
  }

  /** The runbook headings in the README produce the anchors the alerts link to (GitHub's slug rules). */
  @Test
  void everyRunbookAnchorHasAHeading() throws IOException {
    String runbooks = Files.readString(ProjectFiles.path("README.md"));
    Matcher heading = Pattern.compile("(?m)^#{2,4} (.+)$").matcher(runbooks);
    Set<String> anchors = new HashSet<>();
    while (heading.find()) {
      anchors.add(githubAnchor(heading.group(1)));
    }

    for (String name : AlertRules.alertNames()) {
      assertThat(anchors).as("a heading for " + name).contains("runbook-" + name.toLowerCase(Locale.ROOT));
    }
  }

  /** GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
  static String githubAnchor(String heading) {
    return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
