package dev.haguard.cli;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;

/** The lowest severity that makes {@code audit} exit 1 ({@code none}: never). */
enum FailOn {
  CRITICAL,
  WARNING,
  INFO,
  NONE;

  /** Whether the findings counted in {@code summary} include one at or above this level. */
  boolean isMetBy(ClusterPolicyStatus.Summary summary) {
    if (summary == null) {
      return false;
    }
    return switch (this) {
      case CRITICAL -> summary.critical() > 0;
      case WARNING -> summary.critical() + summary.warning() > 0;
      case INFO -> summary.critical() + summary.warning() + summary.info() > 0;
      case NONE -> false;
    };
  }

  /** picocli's converter: {@code --fail-on warning}. */
  static final class Converter extends LowerCaseEnumConverter<FailOn> {
    Converter() {
      super(FailOn.class);
    }
  }
}
