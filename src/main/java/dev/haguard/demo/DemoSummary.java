package dev.haguard.demo;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.analysis.ConditionType;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Locale;
import java.util.stream.Collectors;

/** The few lines {@code haguard demo} prints on stderr, for a reader to check against the example by hand. */
public final class DemoSummary {
  private DemoSummary() {}

  public static String of(DemoRun.Result result, int objects, String source) {
    ClusterPolicy policy = result.policy();
    ClusterPolicyStatus s = policy.getStatus();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "haguard demo: ClusterPolicy %s %s after %.1f s (%d objects from %s)%n",
        policy.getMetadata().getName(), result.settled() ? "settled" : "had NOT settled",
        result.elapsed().toMillis() / 1000.0, objects, source));
    if (s != null && s.etcd() != null && s.etcd().members() == null) {
      out.append(String.format(Locale.ROOT, "  etcd:       unknown (source %s)%n", s.etcd().source()));
    } else if (s != null && s.etcd() != null) {
      ClusterPolicyStatus.Etcd e = s.etcd();
      out.append(String.format(Locale.ROOT,
          "  etcd:       %d member(s), %d healthy, quorum %d, tolerates %d failure(s) (%d now)%n",
          e.members(), e.healthy(), e.majority(), e.failureTolerance(), e.remainingTolerance()));
    }
    if (s != null && s.apiServer() != null) {
      ClusterPolicyStatus.ApiServer a = s.apiServer();
      out.append(String.format(Locale.ROOT, "  apiservers: %s instance(s); clients use %s (%s)%n",
          a.instances() == null ? "unknown" : a.instances(), a.endpoint() == null ? "no cluster-info endpoint" : a.endpoint(), a.endpointKind()));
    }
    if (s != null && s.zones() != null) {
      String losses = s.zones().lossSimulation() == null ? "" : s.zones().lossSimulation().stream()
          .map(l -> l.zone() + (l.survivable() ? " survivable" : " NOT survivable"))
          .collect(Collectors.joining(", ", "; losing ", ""));
      out.append(String.format(Locale.ROOT, "  zones:      %d%s%n", s.zones().count(), losses));
      if (s.zones().nodesUnsurvivable() != null) {
        String riskiest = s.zones().riskiestNodes() == null ? "" : s.zones().riskiestNodes().stream()
            .map(l -> l.node() + (l.survivable() ? " survivable" : " NOT survivable"))
            .collect(Collectors.joining(", ", "; riskiest: losing ", ""));
        out.append(String.format(Locale.ROOT, "  nodes:      %d whose loss alone is not survivable%s%n",
            s.zones().nodesUnsurvivable(), riskiest));
      }
    }
    if (s != null && s.summary() != null) {
      out.append(String.format(Locale.ROOT, "  findings:   %d critical, %d warning, %d info%n",
          s.summary().critical(), s.summary().warning(), s.summary().info()));
    }
    if (s != null && s.actions() != null) {
      s.actions().forEach(a -> out.append(String.format(Locale.ROOT, "  action:     %s %s: %s (%s)%n",
          a.type(), a.object(), a.state(), a.message())));
    }
    if (s != null && s.conditions() != null) {
      condition(s, ConditionType.REPORTS_WRITTEN, "reports:   ", out);
      condition(s, ConditionType.READY, "Ready:     ", out);
    }
    out.append("The demo plays the controller-manager and kubelet only as far as the flows need, and answers"
        + " registry lookups with simulated digests; nothing else runs in its embedded API server, and nothing"
        + " leaves the machine.\n");
    return out.toString();
  }

  private static void condition(ClusterPolicyStatus s, ConditionType type, String label, StringBuilder out) {
    s.conditions().stream().filter(c -> c.getType().equals(type.type())).findFirst().ifPresent(c -> out.append(
        String.format(Locale.ROOT, "  %s %s (%s)%s%n", label, c.getStatus(), c.getReason(), detail(type, c))));
  }

  /** Ready says why only when it is not; the reports line always says where they went. */
  private static String detail(ConditionType type, Condition c) {
    return type == ConditionType.READY && "True".equals(c.getStatus()) ? "" : ": " + c.getMessage();
  }
}
