package dev.haguard.analysis.apiserver;

import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.clusterInfo;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.RuleTesting;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the endpoint's kind is told: addresses compared as addresses (IPv6 spellings, IPv4-mapped),
 * a control-plane node's own InternalIP/ExternalIP, and a name that does not resolve
 * (apiserver-endpoint-unresolved, both ways).
 */
class ApiServerAddressesTest {
  private static final ObjectRef CLUSTER_INFO = new ObjectRef("v1", "ConfigMap", "kube-public", "cluster-info");

  /** Literals come back as the JDK spells them; api-lb is a load balancer; other names fail. */
  private static final HostResolver DNS = host -> {
    if (host.equals("api-lb.example.com")) {
      return List.of("10.9.9.9");
    }
    if (host.equals("api-mapped.example.com")) {
      return List.of("::ffff:10.0.0.10");
    }
    if (host.contains(":") || host.matches("[0-9.]+")) {
      return ApiEndpoints.JDK.resolve(host);
    }
    throw new UnknownHostException(host + ": Temporary failure in name resolution");
  };

  /** Control-plane nodes with an InternalIP and an ExternalIP, each running a hostNetwork apiserver. */
  private static List<HasMetadata> controlPlane(String... internalIps) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < internalIps.length; i++) {
      objects.add(new NodeBuilder(controlPlaneNode("cp-" + i, "z" + i)).withNewStatus()
          .addNewAddress().withType("InternalIP").withAddress(internalIps[i]).endAddress()
          .addNewAddress().withType("ExternalIP").withAddress("192.0.2.1" + i).endAddress()
          .endStatus().build());
      objects.add(apiServerPod("cp-" + i, internalIps[i]));
    }
    return objects;
  }

  private static ClusterSnapshot snapshot(List<HasMetadata> objects, String server) {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder().addAll(objects);
    builder.add(clusterInfo(server));
    return builder.apiEndpoint(ApiEndpoints.resolve(clusterInfo(server), DNS).orElseThrow()).build();
  }

  private static ApiServerView view(List<HasMetadata> objects, String server) {
    Policy policy = PolicyResolver.defaults();
    ClusterSnapshot snapshot = snapshot(objects, server);
    return ApiServerView.of(snapshot, policy, ZoneView.of(snapshot, policy));
  }

  @Test
  void anIpv6LiteralSpeltAnotherWayIsStillTheApiServersOwn() {
    assertThat(view(controlPlane("fd00:20:1::10", "fd00:20:1::11"), "https://[fd00:20:1:0:0:0:0:10]:6443")
        .endpointKind()).isEqualTo(EndpointKind.SINGLE_INSTANCE);
  }

  @Test
  void anIpv4MappedAnswerIsTheApiServersIpv4Address() {
    assertThat(view(controlPlane("10.0.0.10", "10.0.0.11"), "https://api-mapped.example.com:6443").endpointKind())
        .isEqualTo(EndpointKind.SINGLE_INSTANCE);
  }

  @Test
  void aControlPlaneNodesExternalIpIsTheApiServersOwn() {
    assertThat(view(controlPlane("10.0.0.10", "10.0.0.11"), "https://192.0.2.11:6443").endpointKind())
        .isEqualTo(EndpointKind.SINGLE_INSTANCE);
  }

  @Test
  void anAddressNoApiServerOrControlPlaneNodeHasIsALoadBalancer() {
    assertThat(view(controlPlane("10.0.0.10", "10.0.0.11"), "https://api-lb.example.com:6443").endpointKind())
        .isEqualTo(EndpointKind.LOAD_BALANCER);
  }

  @Test
  void unresolvedFiresNamingTheHostAndTheResolversAnswer() {
    var found = RuleTesting.findings(new ApiServerEndpointUnresolvedRule(), PolicyResolver.defaults(),
        snapshot(controlPlane("10.0.0.10"), "https://api.nowhere.example:6443"));

    assertSingleFinding(found, "apiserver-endpoint-unresolved", Severity.INFO, CLUSTER_INFO);
    assertThat(found.get(0).message()).contains("api.nowhere.example", "Temporary failure in name resolution");
    assertThat(view(controlPlane("10.0.0.10"), "https://api.nowhere.example:6443").unknownBecause())
        .contains("cannot resolve api.nowhere.example", "Temporary failure in name resolution");
  }

  @Test
  void unresolvedIsQuietForAResolvedName() {
    assertThat(RuleTesting.findings(new ApiServerEndpointUnresolvedRule(), PolicyResolver.defaults(),
        snapshot(controlPlane("10.0.0.10"), "https://api-lb.example.com:6443"))).isEmpty();
  }
}
