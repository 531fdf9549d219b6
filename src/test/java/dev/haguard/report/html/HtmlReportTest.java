package dev.haguard.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.DownReason;
import java.util.List;
import dev.haguard.report.DemoInput;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static ZoneLoss loss(Boolean quorumKept, int apiServersLeft, int down, int singleDown, int stranded,
      boolean survivable, String note) {
    return new ZoneLoss("a", quorumKept, apiServersLeft, down, singleDown, stranded, survivable, null, null, note);
  }

  @Test
  void aSurvivableZoneSaysSo() {
    assertThat(HtmlReport.verdict(loss(true, 2, 0, 0, 0, true, null))).isEqualTo("Losing this zone is survivable");
  }

  @Test
  void anUnsurvivableZoneSaysWhatBreaks() {
    assertThat(HtmlReport.verdict(loss(false, 0, 2, 0, 1, false, null)))
        .isEqualTo("Losing this zone is NOT survivable: etcd loses quorum, no apiserver left, 2 workloads down, "
            + "1 volume stranded");
  }

  @Test
  void aSurvivableZoneStillNamesStrandedVolumes() {
    assertThat(HtmlReport.verdict(loss(true, 1, 0, 1, 3, true, null)))
        .isEqualTo("Survivable, but 1 single-replica workload down, 3 volumes stranded");
  }

  @Test
  void anUnobservedEtcdIsSaidSoAndTheNoteFollows() {
    assertThat(HtmlReport.verdict(loss(null, 1, 0, 0, 0, true, "Two zones cannot hold a majority")))
        .isEqualTo("Survivable, but etcd quorum unknown. Two zones cannot hold a majority");
  }

  @Test
  void anUnsurvivableNodeSaysWhatBreaksAndNamesTheWorkloads() {
    NodeLoss loss = new NodeLoss("w-1", "a", true, 2, 1, 0, 0, false,
        List.of(new WorkloadDown("Deployment", "shop", "cart", 0, 2, DownReason.NOT_SPREAD)), 3);

    assertThat(HtmlReport.nodeVerdict(loss))
        .isEqualTo("w-1: Losing this node is NOT survivable: 1 workload down (Deployment shop/cart and 3 more)");
  }

  @Test
  void aSurvivableNodeSaysSoWithItsName() {
    assertThat(HtmlReport.nodeVerdict(new NodeLoss("w-2", "a", true, 2, 0, 0, 0, true, null, null)))
        .isEqualTo("w-2: Losing this node is survivable");
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
