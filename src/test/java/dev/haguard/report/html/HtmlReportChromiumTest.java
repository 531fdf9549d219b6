package dev.haguard.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.report.DemoInput;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.report.ReportInput;
import dev.haguard.report.ReportInput.ReportFinding;
import dev.haguard.report.TestFindings;
import dev.haguard.report.ReportInput.Zone;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.RealTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's page in a real browser: it renders quietly, asks nothing of the network, and shows the zones. */
@RealTier
class HtmlReportChromiumTest {
  private static final Path OUT = ProjectFiles.path("target/html-report");
  @TempDir static Path profile;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(OUT);
    chromium = HeadlessChromium.start(profile);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theDemoPageRendersWithNoConsoleErrorNoRequestAndShowsEveryZoneWithItsCounts() throws Exception {
    ReportInput demo = DemoInput.read();
    Path page = OUT.resolve("demo.html");
    Files.writeString(page, HtmlReport.render(demo));

    HeadlessChromium.PageLoad load = chromium.load(page.toUri(), OUT.resolve("demo.png"));

    assertThat(load.consoleErrors()).isEmpty();
    assertThat(load.requests()).allMatch(url -> url.equals(page.toUri().toString()) || url.startsWith("data:"));
    assertThat(demo.zones()).extracting(Zone::name).containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
    for (Zone zone : demo.zones()) {
      assertThat(load.dom())
          .contains("data-zone=\"" + zone.name() + "\"")
          .contains("Nodes (" + zone.nodes().size() + ")")
          .contains("etcd members (" + zone.etcdMembers().size() + ")")
          .contains("apiservers (" + zone.apiServers().size() + ")");
    }
    assertThat(load.dom()).contains("NOT survivable");
    assertThat(demo.riskyNodes()).extracting(NodeLoss::node).containsExactly("worker-b1", "worker-c1");
    assertThat(load.dom())
        .contains("<p class=\"verdict ok\" data-node=\"worker-b1\">")
        .contains("worker-b1: Survivable, but 1 single-replica workload down (StatefulSet shop/orders-db)")
        .contains("worker-c1: Survivable, but 1 single-replica workload down (Deployment shop/cart)");
    assertThat(OUT.resolve("demo.png")).isNotEmptyFile();
  }

  @Test
  void theCheckSeesAPagesConsoleErrorsAndRequests() throws Exception {
    Path page = OUT.resolve("noisy.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body>"
        + "<img src=\"http://192.0.2.1/pixel.png\"><script>console.error('boom'); notDefined();</script></body></html>");

    HeadlessChromium.PageLoad load = chromium.load(page.toUri(), OUT.resolve("noisy.png"));

    assertThat(load.requests()).contains("http://192.0.2.1/pixel.png");
    assertThat(load.consoleErrors()).anyMatch(e -> e.contains("boom")).anyMatch(e -> e.contains("notDefined"));
  }

  @Test
  void textFromTheClusterCannotBecomeMarkup() throws Exception {
    List<ReportFinding> hostile = List.of(new ReportFinding("pod-bare", Severity.WARNING,
        new ObjectRef("v1", "Pod", "ns", "<img src=x onerror=alert(1)>"),
        "<script>console.error('injected')</script>", "\"><script>console.error('fix')</script>", Map.of()));
    Path page = OUT.resolve("hostile.html");
    Files.writeString(page, HtmlReport.render(TestFindings.input(hostile)));

    HeadlessChromium.PageLoad load = chromium.load(page.toUri(), OUT.resolve("hostile.png"));

    assertThat(load.consoleErrors()).isEmpty();
    assertThat(load.requests()).containsExactly(page.toUri().toString());
    assertThat(load.dom()).doesNotContain("<script>").contains("&lt;script&gt;");
  }
}
