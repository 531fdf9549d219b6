package dev.haguard.snapshot.source;

import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model class of each kind the snapshot reads ({@link ReadSet}), by apiVersion and kind, so that
 * readers route an object before binding it and never pay for binding the kinds the analysis ignores.
 */
public final class SnapshotKinds {
  private static final Map<String, Class<? extends HasMetadata>> BY_TYPE = new HashMap<>();
  /** The apiVersion each kind is read in, by kind: Deployment, apps/v1. */
  private static final Map<String, String> READ_VERSION = new HashMap<>();
  /** A Kubernetes API version: v1, v1beta1, v2alpha1. */
  private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");
  /** The group apps/v1's Deployments, DaemonSets and ReplicaSets were served from before it. */
  private static final String EXTENSIONS = "extensions";

  static {
    for (Class<? extends HasMetadata> type : ReadSet.kinds()) {
      BY_TYPE.put(key(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)), type);
      READ_VERSION.put(HasMetadata.getKind(type), HasMetadata.getApiVersion(type));
    }
  }

  private SnapshotKinds() {}

  /** The model class to bind an object of {@code apiVersion}/{@code kind} to; empty when the analysis does not read it. */
  public static Optional<Class<? extends HasMetadata>> modelClass(String apiVersion, String kind) {
    return Optional.ofNullable(BY_TYPE.get(key(apiVersion, kind)));
  }

  /**
   * The apiVersion the analysis reads {@code kind} in, when {@code apiVersion} is another version of
   * that kind's group (policy/v1beta1 PodDisruptionBudget: policy/v1; extensions/v1beta1 Deployment:
   * apps/v1); empty for a kind not read, one read in this version, or one of another group (a
   * custom resource named Job).
   */
  static Optional<String> versionReadInstead(String apiVersion, String kind) {
    String read = READ_VERSION.get(kind);
    if (read == null || read.equals(apiVersion) || !VERSION.matcher(versionOf(apiVersion)).matches()) {
      return Optional.empty();
    }
    String group = groupOf(apiVersion);
    boolean sameGroup = group.equals(groupOf(read)) || group.equals(EXTENSIONS) && groupOf(read).equals("apps");
    return sameGroup ? Optional.of(read) : Optional.empty();
  }

  private static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static String versionOf(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }
}
