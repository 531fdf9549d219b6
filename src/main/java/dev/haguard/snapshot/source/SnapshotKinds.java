package dev.haguard.snapshot.source;

import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The model class of each kind the snapshot reads ({@link ReadSet}), by apiVersion and kind, so that
 * readers route an object before binding it and never pay for binding the kinds the analysis ignores.
 */
public final class SnapshotKinds {
  private static final Map<String, Class<? extends HasMetadata>> BY_TYPE = new HashMap<>();

  static {
    for (Class<? extends HasMetadata> type : ReadSet.kinds()) {
      BY_TYPE.put(key(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)), type);
    }
  }

  private SnapshotKinds() {}

  /** The model class to bind an object of {@code apiVersion}/{@code kind} to; empty when the analysis does not read it. */
  public static Optional<Class<? extends HasMetadata>> modelClass(String apiVersion, String kind) {
    return Optional.ofNullable(BY_TYPE.get(key(apiVersion, kind)));
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }
}
