package dev.haguard.analysis.apiserver;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.snapshot.ApiEndpoint;

/**
 * {@code apiserver-dns-round-robin}: the endpoint's host resolves to several apiservers' own
 * addresses. Worker nodes cache one address, and DNS caching makes them time out once that master
 * goes away (field guide). The name was resolved by the adapter before the snapshot was built.
 */
public final class ApiServerDnsRoundRobinRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ApiServerView apiServers = context.apiServers();
    if (apiServers.endpointKind() != EndpointKind.DNS_ROUND_ROBIN) {
      return;
    }
    ApiEndpoint endpoint = apiServers.endpoint().orElseThrow();
    findings.report(RuleId.APISERVER_DNS_ROUND_ROBIN, ApiServerView.CLUSTER_INFO,
        "The apiserver endpoint " + endpoint.server() + " is DNS round-robin: " + endpoint.host() + " resolves to "
            + endpoint.addresses().size() + " addresses that are apiservers' own " + endpoint.addresses()
            + "; clients and kubelets cache one address and time out when that master goes away",
        "Put a load balancer or a virtual IP (kube-vip, keepalived) in front of the apiservers, health-checking"
            + " /readyz, point " + endpoint.host() + " at it alone, and keep that name in cluster-info and every"
            + " kubeconfig");
  }
}
