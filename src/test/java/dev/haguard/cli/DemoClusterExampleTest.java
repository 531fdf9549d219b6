package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.Haguard;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.WorkloadDown;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.DownReason;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code audit -f examples/demo-cluster.yaml} in a JVM of its own, as a user runs it: the apiserver
 * name resolves through {@code -Djdk.net.hosts.file=examples/hosts} and the JDK resolver (the
 * property is read once per JVM, hence the separate process).
 */
@EmbeddedTier
class DemoClusterExampleTest {

  @Test
  void theExampleShowsTheNumbersTheFieldGuideExpects() throws Exception {
    Process audit = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djdk.net.hosts.file=" + ProjectFiles.path("examples/hosts"),
        "-cp", System.getProperty("java.class.path"),
        Haguard.class.getName(), "audit", "-f", ProjectFiles.path("examples/demo-cluster.yaml").toString(),
        "-o", "json", "--fail-on", "none")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(audit.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(audit.exitValue()).isZero();

    ClusterPolicyStatus status = new ObjectMapper().readValue(out, ClusterPolicyStatus.class);

    assertThat(status.etcd()).isEqualTo(new ClusterPolicyStatus.Etcd(EtcdSource.PODS, 4, 4, 0, 3, 1, 1,
        Map.of("eu-west-1a", 2, "eu-west-1b", 1, "eu-west-1c", 1), false));
    assertThat(status.apiServer()).isEqualTo(new ClusterPolicyStatus.ApiServer(3, null,
        "https://k8s-api.demo.haguard.example:6443", EndpointKind.DNS_ROUND_ROBIN, null,
        Map.of("eu-west-1a", 1, "eu-west-1b", 1, "eu-west-1c", 1)));
    assertThat(status.zones().nodes()).isEqualTo(Map.of("eu-west-1a", 3, "eu-west-1b", 2, "eu-west-1c", 2));
    assertThat(status.zones().controlPlane()).isEqualTo(Map.of("eu-west-1a", 1, "eu-west-1b", 1, "eu-west-1c", 1));
    assertThat(status.zones().lossSimulation()).containsExactly(
        // quorum lost (2 of 4 members), frontend down (both replicas there); its EBS volume is orders-db's,
        // whose pod already runs elsewhere (the volume-zone-conflict): nothing leaving the zone strands it
        new ZoneLoss("eu-west-1a", false, 2, 1, 0, 0, false,
            List.of(new WorkloadDown("Deployment", "shop", "frontend", 0, 2, DownReason.NOT_SPREAD)), null, null),
        // orders-db's only pod: a 1-replica workload, named but not a reason to call the zone unsurvivable
        new ZoneLoss("eu-west-1b", true, 2, 0, 1, 0, true,
            List.of(new WorkloadDown("StatefulSet", "shop", "orders-db", 0, 1, DownReason.SINGLE_REPLICA)), null, null),
        // cart's only pod, likewise
        new ZoneLoss("eu-west-1c", true, 2, 0, 1, 0, true,
            List.of(new WorkloadDown("Deployment", "shop", "cart", 0, 1, DownReason.SINGLE_REPLICA)), null, null));
  }
}
