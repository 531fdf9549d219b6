package dev.haguard.remediation;

/** One finished remediation, counted in {@code haguard_remediations_total{type,outcome}}. */
public record RemediationOutcome(ActionType type, Outcome outcome) {

  /** The {@code outcome} label values. */
  public enum Outcome {
    DONE("done"),
    ROLLED_BACK("rolled_back"),
    FAILED("failed");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }
}
