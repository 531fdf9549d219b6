package dev.haguard.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy spec that cannot be used, with every error found. */
public class InvalidPolicyException extends Exception {
  private final transient List<SpecError> errors;

  public InvalidPolicyException(List<SpecError> errors) {
    super(errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }
}
