package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.Severity;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import java.time.Clock;
import java.util.List;

/**
 * The pure core: a snapshot and a policy in, a status out. No client, registry or etcd calls,
 * so it is fast, deterministic and tested with plain objects.
 */
public final class Analyzer {
  /** Status must stay small: policy engines that put every result into objects hit etcd's request limit. */
  public static final int MAX_FINDINGS_IN_STATUS = 200;

  private final List<Rule> rules;
  private final Clock clock;

  public Analyzer(List<Rule> rules, Clock clock) {
    this.rules = List.copyOf(rules);
    this.clock = clock;
  }

  /** The analyzer with every rule of the catalogue. */
  public static Analyzer standard(Clock clock) {
    return new Analyzer(RuleCatalogue.all(), clock);
  }

  public ClusterPolicyStatus analyze(ClusterSnapshot snapshot, Policy policy) {
    return analyze(snapshot, policy, null);
  }

  public ClusterPolicyStatus analyze(ClusterSnapshot snapshot, Policy policy, Long generation) {
    AnalysisContext context = new AnalysisContext(snapshot, policy);
    Findings findings = new Findings(policy.severityOverrides());
    for (Rule rule : rules) {
      rule.evaluate(context, findings);
    }
    List<Finding> all = findings.all();
    List<Finding> shown = findings.first(MAX_FINDINGS_IN_STATUS);
    ClusterPolicyStatus.Summary summary = new ClusterPolicyStatus.Summary(
        count(all, Severity.CRITICAL), count(all, Severity.WARNING), count(all, Severity.INFO));
    return new ClusterPolicyStatus(
        generation,
        policy.mode(),
        context.etcd().toStatus(),
        context.apiServers().toStatus(),
        context.zones().toStatus(context),
        summary,
        shown,
        all.size() > shown.size() ? all.size() - shown.size() : null,
        null,
        Conditions.fromFindings(all, generation, clock.instant()));
  }

  private static int count(List<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }
}
