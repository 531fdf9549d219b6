package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.report.ObjectOrigins;
import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code audit -o json} is written with a plain mapper, not fabric8's: it must still be, byte for
 * byte, the status as fabric8's serialization (the operator's) writes it, indented.
 */
class OutputFormatTest {
  private static final ObjectMapper FABRIC8 = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static {
    new KubernetesSerialization(FABRIC8, false);
  }

  @Test
  void everyFieldIsWrittenAsFabric8WritesIt() throws Exception {
    ClusterPolicyStatus status = new ClusterPolicyStatus(
        7L,
        Mode.ENFORCE,
        new ClusterPolicyStatus.Etcd(EtcdSource.PODS, 3, 2, 0, 2, 1, 0, Map.of("z1", 2, "z2", 1), null),
        new ClusterPolicyStatus.ApiServer(2, null, "https://10.0.0.1:6443", EndpointKind.SINGLE_INSTANCE, null, Map.of()),
        new ClusterPolicyStatus.Zones(2, Map.of("z1", 3), null,
            List.of(new ClusterPolicyStatus.ZoneLoss("z1", false, 0, 4, 0, 1, false, null, null, null))),
        new ClusterPolicyStatus.Summary(1, 2, 0),
        List.of(
            new Finding("etcd-quorum", Severity.CRITICAL, new ObjectRef("v1", "Node", null, "n1"), "m \"q\" é", "r"),
            new Finding("bare-pod", Severity.WARNING, new ObjectRef("v1", "Pod", "ns", "p"), "m", null)),
        3,
        List.of(new Action("PinImage", new ObjectRef("apps/v1", "Deployment", "ns", "d"), "Planned", null, null)),
        List.of(new ConditionBuilder().withType("Ready").withStatus("False").withReason("Degraded")
            .withMessage("quorum lost").withLastTransitionTime("2025-01-01T00:00:00Z").build()));

    assertThat(OutputFormat.json(status)).isEqualTo(FABRIC8.writeValueAsString(status));
    assertThat(OutputFormat.json(new ClusterPolicyStatus(null, null, null, null, null, null, null, null, null, null)))
        .isEqualTo(FABRIC8.writeValueAsString(new ClusterPolicyStatus(null, null, null, null, null, null, null, null, null, null)));
  }

  @Test
  void auditOfTheDemoClusterIsFabric8sStatusByteForByte() throws Exception {
    AuditRun run = AuditRun.of(RuleCatalogue.all(), host -> List.of("192.0.2.1"),
        "-f", ProjectFiles.path("examples/demo-cluster.yaml").toString(), "-o", "json", "--fail-on", "none");

    ClusterPolicyStatus status = FABRIC8.readValue(run.out(), ClusterPolicyStatus.class);
    assertThat(status.findings()).isNotEmpty();
    assertThat(status.conditions()).isNotEmpty();
    assertThat(run.out()).isEqualTo(FABRIC8.writeValueAsString(status) + System.lineSeparator());
  }

  @Test
  void yamlIsStillFabric8sYaml() {
    ClusterPolicyStatus status = new ClusterPolicyStatus(1L, Mode.AUDIT, null, null, null,
        new ClusterPolicyStatus.Summary(0, 0, 0), List.of(), null, null, null);
    StringWriter out = new StringWriter();

    OutputFormat.YAML.write(status, () -> null, ObjectOrigins.UNKNOWN, new PrintWriter(out), false);

    assertThat(out.toString()).isEqualTo(new KubernetesSerialization(FABRIC8, false).asYaml(status));
  }
}
