package dev.haguard.registry;

/** A docker config or CA bundle that cannot be used; the message names the file or entry, never a secret. */
public class RegistrySetupException extends Exception {
  public RegistrySetupException(String message) {
    super(message);
  }
}
