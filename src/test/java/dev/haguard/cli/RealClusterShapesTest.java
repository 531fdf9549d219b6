package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.analysis.RuleCatalogue;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.support.ProjectFiles;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code audit} on whole clusters shaped as {@code kubectl get -o yaml} prints them
 * (src/test/resources/snapshots/<case>/objects.yaml): kubeadm over IPv6, dual-stack and on-prem
 * addresses, EKS and k3s where etcd cannot be seen, the EBS volume left in an empty zone, two zones.
 */
class RealClusterShapesTest {
  /**
   * The JDK's answers for IP literals (it writes IPv6 uncompressed); api.dual.example has three AAAA
   * records, spelt three ways; any other name fails as glibc says it.
   */
  private static final HostResolver DNS = host -> {
    if (host.equals("api.dual.example")) {
      return List.of("fd00:20:1:0:0:0:0:10", "fd00:20:1::11", "FD00:20:1:0::12");
    }
    if (host.contains(":") || host.matches("[0-9.]+")) {
      return ApiEndpoints.JDK.resolve(host);
    }
    throw new UnknownHostException(host + ": Name or service not known");
  };

  private static AuditRun audit(String snapshot, String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "-f";
    args[1] = ProjectFiles.path("src/test/resources/snapshots/" + snapshot + "/objects.yaml").toString();
    System.arraycopy(more, 0, args, 2, more.length);
    return AuditRun.of(RuleCatalogue.all(), DNS, args);
  }

  private static ClusterPolicyStatus status(String snapshot) throws Exception {
    AuditRun run = audit(snapshot, "-o", "json", "--fail-on", "none");
    assertThat(run.exit()).as(run.err()).isZero();
    return new ObjectMapper().readValue(run.out(), ClusterPolicyStatus.class);
  }

  private static List<String> rules(ClusterPolicyStatus status) {
    return status.findings().stream().map(Finding::rule).toList();
  }

  @Test
  void anIpv6ServerThatIsAnApiServersOwnAddressIsOneInstance() throws Exception {
    ClusterPolicyStatus status = status("kubeadm-ipv6");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.SINGLE_INSTANCE);
    assertThat(rules(status)).contains("apiserver-no-load-balancer");
  }

  @Test
  void threeAaaaRecordsOfTheApiServersAreDnsRoundRobin() throws Exception {
    ClusterPolicyStatus status = status("dual-stack");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.DNS_ROUND_ROBIN);
    assertThat(rules(status)).contains("apiserver-dns-round-robin").doesNotContain("apiserver-no-load-balancer");
  }

  @Test
  void aControlPlaneNodesExternalIpIsTheApiServersOwnAddress() throws Exception {
    ClusterPolicyStatus status = status("kubeadm-external-ip");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.SINGLE_INSTANCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eks-no-etcd", "k3s-sqlite"})
  void anEtcdNobodyCanSeeHasUnknownQuorumFiguresAndANoteSayingHowToSeeIt(String snapshot) throws Exception {
    ClusterPolicyStatus status = status(snapshot);

    assertThat(status.etcd().source()).hasToString("Unobservable");
    assertThat(Arrays.asList(status.etcd().members(), status.etcd().majority(), status.etcd().failureTolerance(),
        status.etcd().remainingTolerance()))
        .containsOnlyNulls();
    assertThat(status.zones().lossSimulation()).extracting(ZoneLoss::etcdQuorumKept).containsOnlyNulls();
    assertThat(status.findings()).filteredOn(f -> f.rule().equals("etcd-not-observed")).singleElement()
        .satisfies(f -> assertThat(f.remediation()).contains("--etcd-endpoints", "spec.etcd.expectedMembers"));

    String table = audit(snapshot, "--fail-on", "none").out();
    assertThat(table).contains("members unknown (source Unobservable)",
        "majority unknown, failure tolerance unknown, remaining unknown");
    // Quorum kept unknown, and on EKS the apiservers left too (a managed control plane).
    assertThat(table.lines().filter(l -> l.matches("  \\S+ +unknown +(\\d+|unknown) .*"))).hasSize(status.zones().count());
  }

  @Test
  void aPendingPodWhoseEbsVolumeIsInAZoneWithNoNodeLeftIsAVolumeZoneConflict() {
    AuditRun run = audit("eks-ebs-pending", "-o", "json");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("\"volume-zone-conflict\"");
    assertThat(run.out()).contains(new ObjectRef("apps/v1", "StatefulSet", "shop", "db").name());
  }

  @Test
  void twoZonesGetAdviceForAThirdZoneNotASpreadOverThree() throws Exception {
    ClusterPolicyStatus status = status("kubeadm-two-zones");

    assertThat(status.findings()).filteredOn(f -> f.rule().equals("etcd-zone-spof")).singleElement()
        .satisfies(f -> assertThat(f.remediation()).contains("third zone", "witness")
            .doesNotContain("over 3 zones", "1+1+1"));
    assertThat(status.zones().lossSimulation()).filteredOn(l -> l.zone().equals("zone-a")).singleElement()
        .satisfies(l -> assertThat(l.note()).contains("third zone", "witness"));
    assertThat(audit("kubeadm-two-zones", "--fail-on", "none").out())
        .contains("zone-a: with 2 zones no etcd layout survives");
  }

  @Test
  void aNameThatDoesNotResolveIsAFindingAndTheTableSaysWhyTheKindIsUnknown() throws Exception {
    ClusterPolicyStatus status = status("kubeadm-two-zones");

    assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.UNKNOWN);
    assertThat(status.findings()).filteredOn(f -> f.rule().equals("apiserver-endpoint-unresolved")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("k8s-api.two-zones.example", "Name or service not known"));
    assertThat(audit("kubeadm-two-zones", "--fail-on", "none").out()).contains(
        "endpoint https://k8s-api.two-zones.example:6443 (Unknown: cannot resolve k8s-api.two-zones.example: the"
            + " resolver answered: k8s-api.two-zones.example: Name or service not known)");
  }
}
