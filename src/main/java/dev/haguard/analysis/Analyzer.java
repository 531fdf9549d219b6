package dev.haguard.analysis;

import dev.haguard.analysis.whatif.NodeLossTable;
import dev.haguard.analysis.zones.ZoneLossSimulation;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import java.time.Clock;
import java.util.List;

/**
 * The pure core: a snapshot and a policy in, an {@link AnalysisResult} out. No client, registry or
 * etcd calls, so it is fast, deterministic and tested with plain objects. {@link StatusMapper}
 * turns the result into a status.
 */
public final class Analyzer {
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

  public AnalysisResult analyze(ClusterSnapshot snapshot, Policy policy) {
    AnalysisContext context = new AnalysisContext(snapshot, policy);
    Findings findings = new Findings(policy.severityOverrides());
    for (Rule rule : rules) {
      rule.evaluate(context, findings);
    }
    return new AnalysisResult(context, findings, ZoneLossSimulation.simulate(context), NodeLossTable.risky(context),
        clock.instant());
  }
}
