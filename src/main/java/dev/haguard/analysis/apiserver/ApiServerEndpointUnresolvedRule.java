package dev.haguard.analysis.apiserver;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.ApiEndpoint;

/**
 * {@code apiserver-endpoint-unresolved}: the host of cluster-info's server URL did not resolve where
 * haguard ran, so the endpoint's kind is Unknown and the endpoint rules (round-robin, no load
 * balancer) could not judge it. Says so, naming the host and the resolver's answer, instead of
 * letting those findings silently disappear.
 */
public final class ApiServerEndpointUnresolvedRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ApiEndpoint endpoint = context.apiServers().endpoint().orElse(null);
    if (endpoint == null || endpoint.error() == null) {
      return;
    }
    findings.report(RuleId.APISERVER_ENDPOINT_UNRESOLVED, ApiServerView.CLUSTER_INFO,
        "The apiserver endpoint " + endpoint.server() + " could not be judged: " + endpoint.error()
            + "; haguard cannot tell a load balancer from one apiserver or DNS round-robin",
        "Run haguard where " + (endpoint.host() == null ? "the server URL" : endpoint.host()) + " resolves as the"
            + " cluster's clients see it (the cluster's DNS, or -Djdk.net.hosts.file), or fix the server URL in"
            + " cluster-info if the name is wrong");
  }
}
