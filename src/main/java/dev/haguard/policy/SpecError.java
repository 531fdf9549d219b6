package dev.haguard.policy;

/** One thing wrong with a policy spec: the field's path (e.g. {@code spec.etcd.maxMembers}) and why. */
public record SpecError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
