package dev.haguard.analysis.apiserver;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;

/** {@code apiserver-single-instance}: fewer apiservers than the policy's minimum. */
public final class ApiServerSingleInstanceRule implements Rule {
  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ApiServerView apiServers = context.apiServers();
    int min = context.policy().apiServerMinInstances();
    if (!apiServers.observable() || apiServers.instances() == null || apiServers.instances() >= min) {
      return;
    }
    findings.report(RuleId.APISERVER_SINGLE_INSTANCE, apiServers.ref(),
        apiServers.instances() + " apiserver(s) running, fewer than the policy's minimum of " + min
            + ": when one goes (upgrade, node failure), kubelets, controllers and users lose the cluster",
        "Run at least " + min + " apiservers on separate control-plane nodes, ideally in separate zones"
            + " (kubeadm: `kubeadm join --control-plane`), behind a load balancer that health-checks /readyz");
  }
}
