package dev.haguard.policy;

import dev.haguard.api.v1alpha1.ClusterPolicySpec.SecretRef;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.api.v1alpha1.SeverityOverride;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ClusterPolicy's spec after validation, with every default filled in: what the analysis and
 * remediation actually read. Built only by {@link PolicyResolver}.
 */
public record Policy(
    Mode mode,
    Set<String> excludedNamespaces,
    String etcdNamespace,
    Map<String, String> etcdSelector,
    Integer etcdExpectedMembers,
    int etcdMaxMembers,
    List<URI> etcdEndpoints,
    SecretRef etcdTlsSecretRef,
    Map<String, String> apiServerSelector,
    int apiServerMinInstances,
    String zoneTopologyKey,
    Set<String> mutableTags,
    PinScope pinScope,
    PinSource pinSource,
    List<String> insecureRegistries,
    String registryCaBundle,
    boolean rewriteBarePods,
    int barePodReadyTimeoutSeconds,
    Map<String, SeverityOverride> severityOverrides) {

  public static final String LEGACY_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";

  /** Whether workload rules (images, bare pods, workload spread) apply to this namespace. */
  public boolean workloadRulesApplyTo(String namespace) {
    return namespace == null || !excludedNamespaces.contains(namespace);
  }

  /** The same policy in another mode (the CLI's {@code --mode}). */
  public Policy withMode(Mode newMode) {
    return new Policy(
        newMode, excludedNamespaces, etcdNamespace, etcdSelector, etcdExpectedMembers, etcdMaxMembers, etcdEndpoints,
        etcdTlsSecretRef,
        apiServerSelector, apiServerMinInstances, zoneTopologyKey, mutableTags, pinScope, pinSource,
        insecureRegistries, registryCaBundle, rewriteBarePods, barePodReadyTimeoutSeconds, severityOverrides);
  }
}
