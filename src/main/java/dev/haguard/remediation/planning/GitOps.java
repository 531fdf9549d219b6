package dev.haguard.remediation.planning;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises objects a GitOps tool owns. haguard does not mutate them: the next sync would revert
 * the change and the two would fight; the fix belongs in the source manifests ({@code haguard pin}).
 */
public final class GitOps {
  private static final Map<String, String> ANNOTATIONS = Map.of("argocd.argoproj.io/tracking-id", "Argo CD");
  private static final Map<String, String> LABELS = Map.of(
      "argocd.argoproj.io/instance", "Argo CD",
      "kustomize.toolkit.fluxcd.io/name", "Flux",
      "helm.toolkit.fluxcd.io/name", "Flux");

  private GitOps() {}

  /** The tool managing {@code o} ("Argo CD", "Flux"), if any. */
  public static Optional<String> managerOf(HasMetadata o) {
    return find(o.getMetadata().getAnnotations(), ANNOTATIONS).or(() -> find(o.getMetadata().getLabels(), LABELS));
  }

  private static Optional<String> find(Map<String, String> present, Map<String, String> markers) {
    if (present == null) {
      return Optional.empty();
    }
    return markers.entrySet().stream().filter(m -> present.containsKey(m.getKey())).map(Map.Entry::getValue)
        .sorted().findFirst();
  }
}
