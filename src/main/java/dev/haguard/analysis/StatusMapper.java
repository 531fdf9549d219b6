package dev.haguard.analysis;

import dev.haguard.api.v1alpha1.Action;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.NodeLoss;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus.ZoneLoss;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.Severity;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place a {@link ClusterPolicyStatus} is built: from an {@link AnalysisResult} (the
 * operator's status, {@code audit -o json|yaml}, the table, the demo) or for a spec that cannot be
 * used. It applies the caps, counts the summary, builds every condition and keeps their transition
 * times. Pure: what the operator adds (generation, actions, the Enforce role, the stored status)
 * comes in as {@link Reconcile}.
 */
public final class StatusMapper {
  /** Status must stay small: policy engines that put every result into objects hit etcd's request limit. */
  public static final int MAX_FINDINGS = 200;
  /** Workloads named per zone loss in status: like the findings, capped (Gatekeeper caps at 20), the rest counted. */
  public static final int MAX_WORKLOADS_PER_ZONE_LOSS = 20;

  /** Riskiest nodes in status: a dashboard's "losing node X takes down Y" wants the worst few, not every node. */
  public static final int MAX_RISKIEST_NODES = 10;

  private static final StatusMapper FOR_STATUS = new StatusMapper(MAX_WORKLOADS_PER_ZONE_LOSS, MAX_RISKIEST_NODES);
  private static final StatusMapper FOR_CLI = new StatusMapper(Integer.MAX_VALUE, Integer.MAX_VALUE);

  private final int workloadsPerLoss;
  private final int riskiestNodes;

  private StatusMapper(int workloadsPerLoss, int riskiestNodes) {
    this.workloadsPerLoss = workloadsPerLoss;
    this.riskiestNodes = riskiestNodes;
  }

  /** For a ClusterPolicy's status: zone and node losses capped (workloads, riskiest nodes), as the object must stay small. */
  public static StatusMapper forStatus() {
    return FOR_STATUS;
  }

  /** For the command line: every risky node, and every workload of each loss, named. */
  public static StatusMapper forCli() {
    return FOR_CLI;
  }

  /**
   * What a reconcile adds around the analysis.
   *
   * @param generation  the policy's generation the status observed
   * @param actions     the remediation plan and its progress; empty when there is nothing to do
   * @param enforcement the policy's Enforce role; null in Audit
   * @param stored      the status stored so far, whose transition times carry over; null on the first write
   */
  public record Reconcile(Long generation, List<Action> actions, Enforcement enforcement, ClusterPolicyStatus stored) {
    /** What the command line has: no generation, plan, role or earlier status. */
    public static final Reconcile NONE = new Reconcile(null, List.of(), null, null);
  }

  /**
   * An Enforce policy's role: {@code actingPolicy} is the policy whose Enforce acts (the oldest asking).
   *
   * @param policy       this policy's name
   * @param actingPolicy the name of the policy that acts; {@code policy} itself when it does
   */
  public record Enforcement(String policy, String actingPolicy) {
    public boolean acts() {
      return policy.equals(actingPolicy);
    }
  }

  /**
   * What the operator's report writer did in a reconcile.
   *
   * @param apiVersion the report API written to ({@code group/version}); null when discovery found none
   *                   served, or failed
   * @param reports    how many reports of the policy the API server holds there (0 after a failure)
   * @param failure    why the API server refused a request; null when every one went through
   */
  public record ReportsWritten(String apiVersion, int reports, String failure) {
    public static final ReportsWritten NOT_SERVED = new ReportsWritten(null, 0, null);
  }

  /** The status of {@code result} with nothing a reconcile adds: what {@code audit} prints. */
  public ClusterPolicyStatus status(AnalysisResult result) {
    return status(result, Reconcile.NONE);
  }

  public ClusterPolicyStatus status(AnalysisResult result, Reconcile reconcile) {
    Long generation = reconcile.generation();
    List<Finding> all = result.findingsAsReported();
    List<Finding> shown = result.firstFindings(MAX_FINDINGS);
    ClusterPolicyStatus.Summary summary = new ClusterPolicyStatus.Summary(
        count(all, Severity.CRITICAL), count(all, Severity.WARNING), count(all, Severity.INFO));
    List<Condition> conditions = new ArrayList<>(Conditions.fromFindings(all, generation, result.analysedAt()));
    if (reconcile.enforcement() != null) {
      conditions.add(Conditions.enforcing(reconcile.enforcement(), generation, result.analysedAt()));
    }
    List<ZoneLoss> losses = result.zoneLosses().stream().map(z -> z.capped(workloadsPerLoss)).toList();
    List<NodeLoss> nodeLosses = result.nodeLosses();
    List<NodeLoss> riskiest = nodeLosses.stream().limit(riskiestNodes).map(n -> n.capped(workloadsPerLoss)).toList();
    return new ClusterPolicyStatus(
        generation,
        result.context().policy().mode(),
        result.etcd().toStatus(),
        result.apiServers().toStatus(),
        result.zones().toStatus(losses, riskiest, nodeLosses.size() - riskiest.size(),
            (int) nodeLosses.stream().filter(n -> !n.survivable()).count()),
        summary,
        shown,
        all.size() > shown.size() ? all.size() - shown.size() : null,
        reconcile.actions().isEmpty() ? null : reconcile.actions(),
        keptTransitionTimes(reconcile.stored(), conditions));
  }

  /** Ready=False naming the field of a spec that cannot be used, and nothing else: no analysis ran. */
  public static ClusterPolicyStatus invalidSpec(String message, Long generation, ClusterPolicyStatus stored,
      Instant now) {
    return new ClusterPolicyStatus(generation, null, null, null, null, null, null, null, null,
        keptTransitionTimes(stored, Conditions.invalidSpec(message, generation, now)));
  }

  /**
   * {@code status} (of {@link #status}) with the ReportsWritten condition added: the reports are
   * written from the status's findings, so what became of them is known only after it is mapped.
   * {@code stored} (null on the first write) keeps the condition's transition time.
   */
  public static ClusterPolicyStatus withReports(ClusterPolicyStatus status, ReportsWritten written,
      ClusterPolicyStatus stored, Instant now) {
    List<Condition> conditions = new ArrayList<>(status.conditions());
    conditions.add(Conditions.reportsWritten(written, status.observedGeneration(), now));
    return status.withConditions(keptTransitionTimes(stored, conditions));
  }

  private static List<Condition> keptTransitionTimes(ClusterPolicyStatus stored, List<Condition> next) {
    return Conditions.keepTransitionTimes(stored == null ? null : stored.conditions(), List.copyOf(next));
  }

  private static int count(List<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }
}
