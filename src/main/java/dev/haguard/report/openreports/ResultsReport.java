package dev.haguard.report.openreports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields every policy report kind has (openreports.io/v1alpha1 Report and ClusterReport,
 * wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport): top-level, not under spec or
 * status, as upstream declares them. No {@code scope}: a haguard report covers a namespace or the
 * cluster, which the report's own namespace says (and fabric8's CustomResource has a getScope of its own).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ResultsReport extends CustomResource<Void, Void> {
  private Summary summary = new Summary();
  private List<Result> results = new ArrayList<>();

  public Summary getSummary() {
    return summary;
  }

  public void setSummary(Summary summary) {
    this.summary = summary;
  }

  public List<Result> getResults() {
    return results;
  }

  public void setResults(List<Result> results) {
    this.results = results;
  }

  /** Counts per outcome, of every result, listed or not. */
  public record Summary(int pass, int fail, int warn, int error, int skip) {
    public Summary() {
      this(0, 0, 0, 0, 0);
    }
  }

  /**
   * One rule's outcome on one object. No timestamp: a report whose findings did not change is
   * byte-identical, so it is written only when its content changes.
   *
   * @param result     fail (critical) or warn (warning, info)
   * @param severity   how bad
   * @param resources  the object the finding is about
   * @param message    what is wrong
   * @param properties the rule's facts and the fix
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Result(
      String source,
      @Required String policy,
      String rule,
      String category,
      ResultSeverity severity,
      Outcome result,
      List<ObjectReference> resources,
      String message,
      Map<String, String> properties) {}

  /** A result's outcome, as the report APIs spell it. */
  public enum Outcome {
    @JsonProperty("pass") PASS,
    @JsonProperty("fail") FAIL,
    @JsonProperty("warn") WARN,
    @JsonProperty("error") ERROR,
    @JsonProperty("skip") SKIP
  }

  /** A result's severity, as the report APIs spell it. */
  public enum ResultSeverity {
    @JsonProperty("critical") CRITICAL,
    @JsonProperty("high") HIGH,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("low") LOW,
    @JsonProperty("info") INFO
  }
}
