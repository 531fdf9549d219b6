package dev.haguard.report;

import dev.haguard.api.v1alpha1.ObjectRef;
import java.util.HashMap;
import java.util.Map;
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
   * Origins recorded object by object as the input is read, each found by kind, namespace and
   * name; an object not recorded (one the analysis names but no file held) has {@code fallback}'s.
   */
  static Recorder recorder(ObjectOrigins fallback) {
    return new Recorder(fallback);
  }

  /** The origins of the objects read so far: one entry (a file shared, a line) per object. */
  final class Recorder implements ObjectOrigins {
    private final Map<ObjectRef, Origin> origins = new HashMap<>();
    private final ObjectOrigins fallback;

    private Recorder(ObjectOrigins fallback) {
      this.fallback = fallback;
    }

    /**
     * @param file the file's URI (see {@link Origin#file})
     * @param line the 1-based line the object starts on; 0 when unknown
     */
    public void record(ObjectRef ref, String file, int line) {
      origins.put(key(ref), new Origin(file, line > 0 ? line : null));
    }

    @Override
    public Optional<Origin> of(ObjectRef ref) {
      Origin origin = origins.get(key(ref));
      return origin != null ? Optional.of(origin) : fallback.of(ref);
    }

    /** A finding may name an object by another apiVersion than its file's (apps/v1beta2, say): kind, namespace, name. */
    private static ObjectRef key(ObjectRef ref) {
      return new ObjectRef(null, ref.kind(), ref.namespace(), ref.name());
    }
  }

  /**
   * @param file      the file's URI, relative to the working directory when it lies below it
   * @param startLine the 1-based line the object starts on; null when unknown
   */
  record Origin(String file, Integer startLine) {}
}
