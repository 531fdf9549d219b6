package dev.haguard.analysis.apiserver;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.snapshot.ApiEndpoint;
import dev.haguard.snapshot.IpAddresses;

/**
 * {@code apiserver-no-load-balancer}: the endpoint clients use addresses one apiserver directly,
 * as an IP or as a name resolving to one apiserver's own address.
 */
public final class ApiServerNoLoadBalancerRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ApiServerView apiServers = context.apiServers();
    if (apiServers.endpointKind() != EndpointKind.SINGLE_INSTANCE) {
      return;
    }
    ApiEndpoint endpoint = apiServers.endpoint().orElseThrow();
    String address = endpoint.addresses().get(0);
    String how = IpAddresses.canonical(address).equals(IpAddresses.canonical(endpoint.host())) ? "is the address "
        : "resolves " + endpoint.host() + " to ";
    findings.report(RuleId.APISERVER_NO_LOAD_BALANCER, ApiServerView.CLUSTER_INFO,
        "The apiserver endpoint " + endpoint.server() + " " + how + address + ", one apiserver's own: when that"
            + " apiserver goes, every client and kubelet loses the cluster although " + apiServers.instances()
            + " apiserver(s) run",
        "Put a load balancer or a virtual IP (kube-vip, keepalived) in front of all apiservers, health-checking"
            + " /readyz, and point the server URL in cluster-info, every kubeconfig and the kubelets' kubeconfig at it");
  }
}
