package dev.haguard.support;

import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.ApiServerSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.BarePodsSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.EtcdSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.ImagesSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.SecretRef;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.api.v1alpha1.SeverityOverride;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.policy.PolicyResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ClusterPolicySpec} for tests: valid by default (every field left to its default, as an
 * empty {@code spec: {}} is), and one named change per case instead of eight positional nulls.
 */
public final class PolicySpecBuilder {
  private Mode mode;
  private EtcdSpec etcd;
  private ApiServerSpec apiServer;
  private List<String> mutableTags;
  private PinScope pinScope;
  private PinSource pinSource;
  private String registryCaBundle;
  private BarePodsSpec barePods;
  private final Map<String, SeverityOverride> severityOverrides = new LinkedHashMap<>();

  private PolicySpecBuilder() {}

  public static PolicySpecBuilder spec() {
    return new PolicySpecBuilder();
  }

  public PolicySpecBuilder mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  public PolicySpecBuilder etcdMembers(Integer expected, Integer max) {
    etcd = new EtcdSpec(null, null, expected, max, null, null);
    return this;
  }

  public PolicySpecBuilder etcdProbe(List<String> endpoints, SecretRef tls) {
    etcd = new EtcdSpec(null, null, null, null, endpoints, tls);
    return this;
  }

  public PolicySpecBuilder minApiServers(int instances) {
    apiServer = new ApiServerSpec(null, instances);
    return this;
  }

  public PolicySpecBuilder mutableTags(String... tags) {
    mutableTags = List.of(tags);
    return this;
  }

  /** What Enforce pins, and where the digest comes from. */
  public PolicySpecBuilder pin(PinScope scope, PinSource source) {
    pinScope = scope;
    pinSource = source;
    return this;
  }

  public PolicySpecBuilder registryCaBundle(String pem) {
    registryCaBundle = pem;
    return this;
  }

  public PolicySpecBuilder barePods(Boolean rewrite, Integer readyTimeoutSeconds) {
    barePods = new BarePodsSpec(rewrite, readyTimeoutSeconds);
    return this;
  }

  public PolicySpecBuilder severity(String rule, SeverityOverride level) {
    severityOverrides.put(rule, level);
    return this;
  }

  public ClusterPolicySpec build() {
    boolean imagesSet = mutableTags != null || pinScope != null || pinSource != null || registryCaBundle != null;
    ImagesSpec images = imagesSet ? new ImagesSpec(mutableTags, pinScope, pinSource, null, registryCaBundle) : null;
    return new ClusterPolicySpec(mode, null, etcd, apiServer, null, images, barePods,
        severityOverrides.isEmpty() ? null : Map.copyOf(severityOverrides));
  }

  /** The policy the resolver makes of this spec, as the operator and the CLI would. */
  public Policy resolve() throws InvalidPolicyException {
    return PolicyResolver.resolve(build());
  }
}
