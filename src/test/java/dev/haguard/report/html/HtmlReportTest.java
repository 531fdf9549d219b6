package dev.haguard.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.report.DemoInput;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  @Test
  void aSurvivableZoneSaysSo() {
    assertThat(HtmlReport.verdict(new ZoneLoss("a", true, 2, 0, 0, true))).isEqualTo("Losing this zone is survivable");
  }

  @Test
  void anUnsurvivableZoneSaysWhatBreaks() {
    assertThat(HtmlReport.verdict(new ZoneLoss("a", false, 0, 2, 1, false)))
        .isEqualTo("Losing this zone is NOT survivable: etcd loses quorum, no apiserver left, 2 workloads down, "
            + "1 volume stranded");
  }

  @Test
  void aSurvivableZoneStillNamesStrandedVolumes() {
    assertThat(HtmlReport.verdict(new ZoneLoss("a", true, 1, 0, 3, true)))
        .isEqualTo("Survivable, but 3 volumes stranded");
  }

  @Test
  void nodesWithoutAZoneHaveNoVerdict() {
    assertThat(HtmlReport.verdict(null)).contains("no zone label");
  }

  @Test
  void thePageNeedsNothingFromElsewhere() {
    String page = HtmlReport.render(DemoInput.read());

    assertThat(page).doesNotContainPattern("(?i)<script|<link(?![^>]*href=\"data:)|@import|url\\(|https?://");
  }
}
