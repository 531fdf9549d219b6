package dev.haguard.report.openreports;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The openreports.io kinds add the source engine and the generator's limits to the common fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class OpenReport extends ResultsReport {
  private String source;
  private Configuration configuration;

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public Configuration getConfiguration() {
    return configuration;
  }

  public void setConfiguration(Configuration configuration) {
    this.configuration = configuration;
  }

  /** The contract between a report's writer and its readers. */
  public record Configuration(Limits limits) {}

  /** At most {@code maxResults} results are listed; the summary counts them all. */
  public record Limits(int maxResults) {}
}
