package dev.haguard.analysis.apiserver;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.clusterInfo;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.RealComponents;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real resolution path: the JDK resolver ({@link ApiEndpoints#JDK}) reads a hosts file instead
 * of DNS, then the full analysis classifies the endpoint. The JDK reads {@code jdk.net.hosts.file}
 * once per JVM, so the "hosts-file" surefire execution runs this class alone in its own JVM with
 * the property on the command line; in any other JVM (e.g. {@code -Dtest=} in the default
 * execution) it is skipped, and in CI it fails.
 */
class ApiEndpointHostsFileTest {

  @BeforeAll
  static void runsOnlyWithTheTestHostsFile() {
    String hostsFile = System.getProperty("jdk.net.hosts.file");
    boolean withHostsFile = hostsFile != null && hostsFile.endsWith("apiserver-hosts");
    RealComponents.requireThat(withHostsFile,
        "runs in the hosts-file surefire execution, which sets -Djdk.net.hosts.file");
  }

  /** Two control-plane nodes with apiservers at 10.0.0.10 and 10.0.0.11; clients use {@code server}. */
  private static ClusterPolicyStatus analyze(String server) {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder().addAll(List.of(
        controlPlaneNode("cp-0", "a"), apiServerPod("cp-0", "10.0.0.10"),
        controlPlaneNode("cp-1", "b"), apiServerPod("cp-1", "10.0.0.11"),
        clusterInfo(server)));
    // What the adapters (audit, operator) do before building the snapshot.
    builder.clusterInfo().flatMap(ci -> ApiEndpoints.resolve(ci, ApiEndpoints.JDK)).ifPresent(builder::apiEndpoint);
    return StatusMapper.forCli().status(
        Analyzer.standard(Clock.systemUTC()).analyze(builder.build(), PolicyResolver.defaults()));
  }

  private static List<String> endpointRules(ClusterPolicyStatus status) {
    return status.findings().stream().map(Finding::rule)
        .filter(r -> r.equals("apiserver-dns-round-robin") || r.equals("apiserver-no-load-balancer"))
        .toList();
  }

  @Test
  void aNameResolvingToTwoApiServersIsRoundRobin() throws Exception {
    assertThat(ApiEndpoints.JDK.resolve("api-rr.cluster.test")).containsExactlyInAnyOrder("10.0.0.10", "10.0.0.11");

    ClusterPolicyStatus status = analyze("https://api-rr.cluster.test:6443");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.DNS_ROUND_ROBIN);
    assertThat(endpointRules(status)).containsExactly("apiserver-dns-round-robin");
    assertThat(status.findings()).filteredOn(f -> f.rule().equals("apiserver-dns-round-robin"))
        .singleElement().satisfies(f -> assertThat(f.object()).isEqualTo(ApiServerView.CLUSTER_INFO));
  }

  @Test
  void aNameResolvingToALoadBalancerIsQuiet() {
    ClusterPolicyStatus status = analyze("https://api-lb.cluster.test:6443");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.LOAD_BALANCER);
    assertThat(endpointRules(status)).isEmpty();
  }

  @Test
  void aNameTheHostsFileDoesNotKnowIsUnknown() {
    ClusterPolicyStatus status = analyze("https://missing.cluster.test:6443");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.UNKNOWN);
    assertThat(endpointRules(status)).isEmpty();
  }
}
