package dev.haguard.analysis.apiserver;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.clusterInfo;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.kubernetesEndpoints;
import static dev.haguard.support.TestObjects.node;
import static dev.haguard.support.TestObjects.notReady;
import static dev.haguard.analysis.RuleTesting.assertSingleFinding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.analysis.Rule;
import dev.haguard.analysis.RuleTesting;
import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.support.PolicySpecBuilder;
import dev.haguard.analysis.zones.ZoneView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every apiserver rule, both ways. Cluster-wide findings name ApiServers/kube-apiserver; endpoint
 * findings name the ConfigMap kube-public/cluster-info that carries the server URL.
 */
class ApiServerRulesTest {
  private static final ObjectRef API_SERVERS = new ObjectRef(null, "ApiServers", null, "kube-apiserver");
  private static final ObjectRef CLUSTER_INFO = new ObjectRef("v1", "ConfigMap", "kube-public", "cluster-info");

  /** Stand-in for DNS: three apiservers at 10.0.0.10-12, a load balancer at 10.0.0.100. */
  private static final HostResolver DNS = host -> {
    Map<String, List<String>> names = Map.of(
        "api-rr.example.com", List.of("10.0.0.10", "10.0.0.11", "10.0.0.12"),
        "api-one.example.com", List.of("10.0.0.10"),
        "api-lb.example.com", List.of("10.0.0.100"),
        "api-nlb.example.com", List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"));
    if (host.matches("[0-9.]+")) {
      return List.of(host);
    }
    if (!names.containsKey(host)) {
      throw new UnknownHostException(host);
    }
    return names.get(host);
  };

  /** Control-plane nodes cp-0.. with an apiserver at 10.0.0.1i each, workers in zones a, b and c. */
  private static List<HasMetadata> controlPlane(String... zones) {
    List<HasMetadata> objects = new ArrayList<>(List.of(node("w-a", "a"), node("w-b", "b"), node("w-c", "c")));
    for (int i = 0; i < zones.length; i++) {
      objects.add(controlPlaneNode("cp-" + i, zones[i]));
      objects.add(apiServerPod("cp-" + i, "10.0.0.1" + i));
    }
    return objects;
  }

  private static Node withAddress(Node node, String ip) {
    return new NodeBuilder(node).editOrNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
        .endStatus().build();
  }

  private static List<Finding> run(Rule rule, Policy policy, List<HasMetadata> objects, String server) {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder().addAll(objects);
    if (server != null) {
      builder.add(clusterInfo(server));
      builder.apiEndpoint(ApiEndpoints.resolve(clusterInfo(server), DNS).orElseThrow());
    }
    return RuleTesting.findings(rule, policy, builder.build());
  }

  private static List<Finding> run(Rule rule, List<HasMetadata> objects, String server) {
    return run(rule, PolicyResolver.defaults(), objects, server);
  }

  private static List<Finding> run(Rule rule, List<HasMetadata> objects) {
    return run(rule, objects, null);
  }

  @Nested
  class SingleInstance {
    private final Rule rule = new ApiServerSingleInstanceRule();

    @Test
    void firesForOneApiServer() {
      assertSingleFinding(run(rule, controlPlane("a")), "apiserver-single-instance", Severity.CRITICAL, API_SERVERS);
    }

    @Test
    void firesWhenOnlyOneOfTwoIsReady() {
      List<HasMetadata> objects = controlPlane("a", "b").stream()
          .map(o -> o instanceof Pod p && p.getSpec().getNodeName().equals("cp-1") ? notReady(p) : o)
          .toList();

      assertSingleFinding(run(rule, objects), "apiserver-single-instance", Severity.CRITICAL, API_SERVERS);
    }

    @Test
    void firesBelowAPolicyMinimum() throws Exception {
      Policy three = PolicyResolver.resolve(
          PolicySpecBuilder.spec().minApiServers(3).build());

      assertSingleFinding(run(rule, three, controlPlane("a", "b"), null),
          "apiserver-single-instance", Severity.CRITICAL, API_SERVERS);
    }

    @Test
    void quietForTwoApiServers() {
      assertThat(run(rule, controlPlane("a", "b"))).isEmpty();
    }

    @Test
    void aManagedControlPlanesVirtualIpIsNoCount() {
      // GKE and AKS show one address, on no node, for however many apiservers the provider runs.
      List<HasMetadata> workers = List.of(node("w-a", "a"), node("w-b", "b"));
      assertThat(run(rule, List.of(workers.get(0), workers.get(1), kubernetesEndpoints("172.16.0.1")))).isEmpty();
      ClusterSnapshot managed = ClusterSnapshot.builder()
          .addAll(List.of(workers.get(0), workers.get(1), kubernetesEndpoints("172.16.0.1"))).build();
      Policy policy = PolicyResolver.defaults();
      ApiServerView view = ApiServerView.of(managed, policy, ZoneView.of(managed, policy));
      assertThat(view.instances()).isNull();
      assertThat(view.instancesUnknownBecause()).contains("managed control plane");
      assertThat(view.leftWithout("a")).isNull();
    }

    @Test
    void countsTheEndpointsOnNodesWhenNoApiServerPodShows() {
      // k3s runs the apiserver in its own process: the kubernetes endpoints are the servers' own addresses.
      Node server = withAddress(node("k3s-server", "a"), "192.168.1.50");
      assertSingleFinding(run(rule, List.of(server, node("w-b", "b"), kubernetesEndpoints("192.168.1.50"))),
          "apiserver-single-instance", Severity.CRITICAL, API_SERVERS);
      assertThat(run(rule, List.of(server, withAddress(node("k3s-server-2", "b"), "fd00::51"),
          kubernetesEndpoints("192.168.1.50", "fd00:0:0:0:0:0:0:51")))).isEmpty();
    }

    @Test
    void quietWhenNoApiServerIsObservable() {
      assertThat(run(rule, List.of(node("w-a", "a")))).isEmpty();
    }
  }

  @Nested
  class DnsRoundRobin {
    private final Rule rule = new ApiServerDnsRoundRobinRule();

    @Test
    void firesWhenTheNameResolvesToSeveralApiServers() {
      assertSingleFinding(run(rule, controlPlane("a", "b", "c"), "https://api-rr.example.com:6443"),
          "apiserver-dns-round-robin", Severity.WARNING, CLUSTER_INFO);
    }

    @Test
    void firesOnAManagedControlPlaneKnownByItsEndpoints() {
      List<HasMetadata> objects = List.of(node("w-a", "a"), kubernetesEndpoints("10.0.0.10", "10.0.0.11"));

      assertSingleFinding(run(rule, objects, "https://api-rr.example.com:6443"),
          "apiserver-dns-round-robin", Severity.WARNING, CLUSTER_INFO);
    }

    @Test
    void quietBehindALoadBalancer() {
      assertThat(run(rule, controlPlane("a", "b", "c"), "https://api-lb.example.com:6443")).isEmpty();
    }

    @Test
    void quietForALoadBalancerWithSeveralAddresses() {
      assertThat(run(rule, controlPlane("a", "b", "c"), "https://api-nlb.example.com:6443")).isEmpty();
    }

    @Test
    void quietWhenTheNameDoesNotResolve() {
      assertThat(run(rule, controlPlane("a", "b", "c"), "https://nowhere.example.com:6443")).isEmpty();
    }
  }

  @Nested
  class NoLoadBalancer {
    private final Rule rule = new ApiServerNoLoadBalancerRule();

    @Test
    void firesForAnApiServersIp() {
      assertSingleFinding(run(rule, controlPlane("a", "b", "c"), "https://10.0.0.11:6443"),
          "apiserver-no-load-balancer", Severity.WARNING, CLUSTER_INFO);
    }

    @Test
    void firesForANameResolvingToOneApiServer() {
      assertSingleFinding(run(rule, controlPlane("a", "b", "c"), "https://api-one.example.com:6443"),
          "apiserver-no-load-balancer", Severity.WARNING, CLUSTER_INFO);
    }

    @Test
    void quietBehindALoadBalancer() {
      assertThat(run(rule, controlPlane("a", "b", "c"), "https://api-lb.example.com:6443")).isEmpty();
      assertThat(run(rule, controlPlane("a", "b", "c"), "https://10.0.0.100:6443")).isEmpty();
    }

    @Test
    void quietForRoundRobinWhichHasItsOwnRule() {
      assertThat(run(rule, controlPlane("a", "b", "c"), "https://api-rr.example.com:6443")).isEmpty();
    }

    @Test
    void quietWhenNoApiServerAddressIsKnown() {
      // Nothing to compare with: the one address could as well be a load balancer.
      assertThat(run(rule, List.of(node("w-a", "a")), "https://10.0.0.10:6443")).isEmpty();
    }

    @Test
    void theStatusSaysWhatKindOfEndpointClientsUse() {
      ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(controlPlane("a", "b"))
          .apiEndpoint(ApiEndpoints.resolve(clusterInfo("https://api-one.example.com:6443"), DNS).orElseThrow())
          .build();

      var status = StatusMapper.forCli().status(
          new Analyzer(List.of(rule), Clock.systemUTC()).analyze(snapshot, PolicyResolver.defaults()));

      assertThat(status.apiServer().endpointKind()).isEqualTo(EndpointKind.SINGLE_INSTANCE);
      assertThat(status.apiServer().endpoint()).isEqualTo("https://api-one.example.com:6443");
      assertThat(status.apiServer().instances()).isEqualTo(2);
    }
  }

  @Nested
  class ZoneSpof {
    private final Rule rule = new ApiServerZoneSpofRule();

    @Test
    void firesWhenEveryApiServerIsInOneOfSeveralZones() {
      assertSingleFinding(run(rule, controlPlane("a", "a", "a")), "apiserver-zone-spof", Severity.WARNING, API_SERVERS);
    }

    @Test
    void quietWhenApiServersSpanZones() {
      assertThat(run(rule, controlPlane("a", "a", "b"))).isEmpty();
    }

    @Test
    void quietInASingleZoneCluster() {
      List<HasMetadata> objects = List.of(controlPlaneNode("cp-0", "a"), apiServerPod("cp-0", "10.0.0.10"),
          controlPlaneNode("cp-1", "a"), apiServerPod("cp-1", "10.0.0.11"), node("w-a", "a"));

      assertThat(run(rule, objects)).isEmpty();
    }

    @Test
    void quietWhenAnApiServersNodeHasNoZone() {
      assertThat(run(rule, controlPlane("a", null))).isEmpty();
    }

    @Test
    void quietOnAManagedControlPlane() {
      assertThat(run(rule, List.of(node("w-a", "a"), node("w-b", "b"), kubernetesEndpoints("172.16.0.1"))))
          .isEmpty();
    }
  }
}
