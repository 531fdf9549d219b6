package dev.haguard.remediation;

import dev.haguard.remediation.planning.DigestChooser;

/** Where the digest for one container image comes from, decided by {@link DigestChooser}. */
public sealed interface DigestChoice {

  /** The digest is known without asking anyone: the Ready pods run it. */
  record Known(String digest, String source) implements DigestChoice {}

  /** The registry must be asked what the tag points at. */
  record AskRegistry(String why) implements DigestChoice {}

  /** No digest may be chosen (the Ready pods disagree without a strict majority): leave the image alone. */
  record Refused(String reason) implements DigestChoice {}
}
