package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.demo.HostsFile;
import dev.haguard.support.ProjectFiles;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README and docs/audit.md show what {@code audit -f examples/demo-cluster.yaml} prints; it must
 * be what audit prints. The apiserver name resolves through examples/hosts, as the documented
 * {@code -Djdk.net.hosts.file=examples/hosts} makes the JDK do.
 */
class AuditExampleDocsTest {
  private static final String COMMAND =
      "`java -Djdk.net.hosts.file=examples/hosts -jar target/haguard.jar audit -f examples/demo-cluster.yaml`";

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/audit.md"})
  void theDocumentedTableIsWhatAuditPrints(String doc) throws Exception {
    AuditRun run = AuditRun.of(RuleCatalogue.all(), HostsFile.read(ProjectFiles.path("examples/hosts")),
        "-f", ProjectFiles.path("examples/demo-cluster.yaml").toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEqualTo(documentedBlock(doc));
  }

  /** The code block that follows the documented command. */
  private static String documentedBlock(String doc) throws Exception {
    String text = Files.readString(ProjectFiles.path(doc));
    int command = text.indexOf(COMMAND);
    assertThat(command).as("%s shows %s", doc, COMMAND).isNotNegative();
    int from = text.indexOf("```\n", command) + 4;
    return text.substring(from, text.indexOf("```", from));
  }
}
