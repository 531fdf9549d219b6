package dev.haguard.report;

import dev.haguard.api.v1alpha1.ObjectRef;
import java.util.Optional;

/** Where an object of the input was read: the file, and the line it starts on where known. */
public interface ObjectOrigins {
  /** Nothing is known about where the objects came from (a live cluster, stdin). */
  ObjectOrigins UNKNOWN = ref -> Optional.empty();

  Optional<Origin> of(ObjectRef ref);

  /**
   * Every object came from one file, at unknown lines.
   *
   * @param file the file's URI, relative to the working directory when it lies below it
   */
  static ObjectOrigins singleFile(String file) {
    Optional<Origin> origin = Optional.of(new Origin(file, null));
    return ref -> origin;
  }

  /**
   * @param file      the file's URI, relative to the working directory when it lies below it
   * @param startLine the 1-based line the object starts on; null when unknown
   */
  record Origin(String file, Integer startLine) {}
}
