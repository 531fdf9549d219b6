package dev.haguard.analysis.apiserver;

import dev.haguard.analysis.ClusterComponent;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.zones.ZoneView;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ApiEndpoint;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.IpAddresses;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The apiservers: how many are up, where, which addresses are their own, and how clients reach
 * them (the endpoint in cluster-info and what it resolves to).
 */
public final class ApiServerView {
  /** What endpoint findings name: the ConfigMap whose kubeconfig tells clients the server URL. */
  private static final Set<String> NODE_ADDRESS_TYPES = Set.of("InternalIP", "ExternalIP");

  public static final ObjectRef CLUSTER_INFO = new ObjectRef("v1", "ConfigMap", "kube-public", "cluster-info");

  private final List<Pod> readyPods;
  private final boolean observable;
  /** The node of each apiserver whose node is known: a Ready Pod's, or the node whose own address an endpoint is. */
  private final List<String> instanceNodes = new ArrayList<>();
  /** Endpoint addresses that are no node's own: apiservers whose place the snapshot does not show. */
  private int unplaced;
  private final Integer instances;
  private final String instancesUnknownBecause;
  private int unzonedInstances;
  private final Set<String> ownAddresses = new HashSet<>();
  private final SortedMap<String, Integer> perZone = new TreeMap<>();
  private final Optional<ApiEndpoint> endpoint;
  private final EndpointKind endpointKind;
  private final String unknownBecause;

  private ApiServerView(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    List<Pod> pods = snapshot.pods().stream()
        .filter(p -> PodFacts.matches(p, policy.apiServerSelector()))
        .filter(p -> !PodFacts.isFinished(p))
        .toList();
    readyPods = pods.stream().filter(PodFacts::isReady).toList();
    for (Pod pod : readyPods) {
      addOwn(pod.getStatus().getPodIP());
      addOwn(pod.getStatus().getHostIP());
      if (pod.getStatus().getPodIPs() != null) {
        pod.getStatus().getPodIPs().forEach(ip -> addOwn(ip.getIp()));
      }
      instanceNodes.add(PodFacts.nodeName(pod));
    }
    Set<String> advertised = advertisedAddresses(snapshot);
    Map<String, String> nodeByAddress = nodeByOwnAddress(snapshot);
    if (pods.isEmpty()) {
      // No apiserver Pods (k3s and OpenShift run no such static pods; a managed control plane shows none):
      // the kubernetes Service's endpoints are the apiservers, on the node whose own address each is.
      for (String address : advertised) {
        String node = nodeByAddress.get(IpAddresses.canonical(address));
        if (node != null) {
          if (!instanceNodes.contains(node)) { // a node's IPv4 and IPv6 addresses are one apiserver
            instanceNodes.add(node);
          }
        } else {
          unplaced++;
        }
      }
    }
    for (String node : instanceNodes) {
      String zone = zones.zoneOfNode(node);
      if (zone != null) {
        perZone.merge(zone, 1, Integer::sum);
      } else {
        unzonedInstances++;
      }
    }
    // kubeadm and on-prem clusters often point clients at a control-plane node's own address.
    Set<String> apiServerNodes = new HashSet<>(instanceNodes);
    for (Node node : snapshot.nodes()) {
      if ((ZoneView.isControlPlane(node) || apiServerNodes.contains(node.getMetadata().getName()))) {
        ownAddressesOf(node).forEach(this::addOwn);
      }
    }
    advertised.forEach(this::addOwn);
    if (pods.isEmpty() && unplaced > 0 && instanceNodes.isEmpty()) {
      // One address may front many apiservers (GKE and AKS show a single virtual IP): not a count.
      instances = null;
      instancesUnknownBecause = "a managed control plane: the kubernetes Service's " + unplaced
          + " endpoint address(es) are on no node of the snapshot";
    } else {
      instances = instanceNodes.size() + unplaced;
      instancesUnknownBecause = null;
    }
    observable = !pods.isEmpty() || snapshot.kubernetesEndpoints().isPresent()
        || !snapshot.kubernetesEndpointSlices().isEmpty();
    endpoint = snapshot.apiEndpoint();
    endpointKind = endpoint.map(this::classify).orElse(EndpointKind.UNKNOWN);
    unknownBecause = endpointKind != EndpointKind.UNKNOWN ? null : endpoint.map(this::whyUnknown).orElse(null);
  }

  public static ApiServerView of(ClusterSnapshot snapshot, Policy policy, ZoneView zones) {
    return new ApiServerView(snapshot, policy, zones);
  }

  private void addOwn(String address) {
    if (address != null) {
      ownAddresses.add(IpAddresses.canonical(address));
    }
  }

  /** Each node's InternalIP and ExternalIP addresses, canonical, to the node's name. */
  private static Map<String, String> nodeByOwnAddress(ClusterSnapshot snapshot) {
    Map<String, String> nodes = new HashMap<>();
    for (Node node : snapshot.nodes()) {
      ownAddressesOf(node).forEach(a -> nodes.putIfAbsent(IpAddresses.canonical(a), node.getMetadata().getName()));
    }
    return nodes;
  }

  private static List<String> ownAddressesOf(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return List.of();
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> NODE_ADDRESS_TYPES.contains(a.getType()) && a.getAddress() != null)
        .map(a -> a.getAddress()).toList();
  }

  private static Set<String> advertisedAddresses(ClusterSnapshot snapshot) {
    Set<String> addresses = new HashSet<>();
    snapshot.kubernetesEndpoints().ifPresent(e -> {
      if (e.getSubsets() != null) {
        for (EndpointSubset subset : e.getSubsets()) {
          if (subset.getAddresses() != null) {
            subset.getAddresses().stream().map(EndpointAddress::getIp).forEach(addresses::add);
          }
        }
      }
    });
    for (EndpointSlice slice : snapshot.kubernetesEndpointSlices()) {
      if (slice.getEndpoints() != null) {
        for (Endpoint ep : slice.getEndpoints()) {
          boolean ready = ep.getConditions() == null || !Boolean.FALSE.equals(ep.getConditions().getReady());
          if (ready && ep.getAddresses() != null) {
            addresses.addAll(ep.getAddresses());
          }
        }
      }
    }
    addresses.remove(null);
    return addresses;
  }

  private EndpointKind classify(ApiEndpoint ep) {
    // Without any apiserver address to compare with, a single address could be either kind.
    if (ep.addresses().isEmpty() || ownAddresses.isEmpty()) {
      return EndpointKind.UNKNOWN;
    }
    Set<String> addresses = new HashSet<>();
    ep.addresses().forEach(a -> addresses.add(IpAddresses.canonical(a)));
    long own = addresses.stream().filter(ownAddresses::contains).count();
    if (addresses.size() > 1 && own > 1) {
      return EndpointKind.DNS_ROUND_ROBIN;
    }
    if (addresses.size() == 1 && own == 1) {
      return EndpointKind.SINGLE_INSTANCE;
    }
    return EndpointKind.LOAD_BALANCER;
  }

  private String whyUnknown(ApiEndpoint ep) {
    if (ep.error() != null) {
      return ep.error();
    }
    if (ep.addresses().isEmpty()) {
      return ep.host() + " resolved to no address";
    }
    return "no apiserver address to compare with (no apiserver Pods, control-plane nodes or kubernetes endpoints)";
  }

  /** Ready apiserver Pods (empty on a managed control plane). */
  public List<Pod> readyPods() {
    return readyPods;
  }

  /** Whether the snapshot shows the apiservers at all: their Pods, or the kubernetes Service's endpoints. */
  public boolean observable() {
    return observable;
  }

  /**
   * Running apiservers: Ready apiserver Pods or, where the snapshot shows none, the addresses of the
   * kubernetes Service's endpoints; null when every such address is on no node (a managed control
   * plane, whose virtual IP may front any number).
   */
  public Integer instances() {
    return instances;
  }

  /** Why {@link #instances} is null; null otherwise. */
  public String instancesUnknownBecause() {
    return instancesUnknownBecause;
  }

  /** The nodes apiservers are known to run on, one entry per apiserver. */
  public List<String> instanceNodes() {
    return instanceNodes;
  }

  /** Apiservers whose node carries no zone. */
  public int unzonedInstances() {
    return unzonedInstances;
  }

  /** What cluster-wide apiserver findings name: {@code ApiServers/kube-apiserver}. */
  public ObjectRef ref() {
    return ClusterComponent.API_SERVERS.ref();
  }

  /**
   * Addresses that belong to an apiserver itself, each in {@link IpAddresses#canonical} form: pod and
   * host IPs, the InternalIP and ExternalIP of control-plane nodes, the kubernetes Service's endpoints.
   */
  public Set<String> ownAddresses() {
    return ownAddresses;
  }

  public SortedMap<String, Integer> perZone() {
    return perZone;
  }

  public Optional<ApiEndpoint> endpoint() {
    return endpoint;
  }

  public EndpointKind endpointKind() {
    return endpointKind;
  }

  /** Why the endpoint's kind is Unknown although cluster-info names a server; null otherwise. */
  public String unknownBecause() {
    return unknownBecause;
  }

  /** Apiservers left after losing {@code zone}; null when some apiserver's place is unknown. */
  public Integer leftWithout(String zone) {
    return unplaced > 0 ? null : instanceNodes.size() - perZone.getOrDefault(zone, 0);
  }

  /** Apiservers left after losing {@code nodes}; null when some apiserver's place is unknown. */
  public Integer leftWithoutNodes(Set<String> nodes) {
    return unplaced > 0 ? null : (int) instanceNodes.stream().filter(n -> n == null || !nodes.contains(n)).count();
  }

  public ClusterPolicyStatus.ApiServer toStatus() {
    return new ClusterPolicyStatus.ApiServer(instances, instancesUnknownBecause,
        endpoint.map(ApiEndpoint::server).orElse(null), endpointKind, unknownBecause, perZone.isEmpty() ? null : perZone);
  }
}
