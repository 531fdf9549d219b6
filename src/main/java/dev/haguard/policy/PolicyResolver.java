package dev.haguard.policy;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicySpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.ApiServerSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.BarePodsSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.EtcdSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.ImagesSpec;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.SecretRef;
import dev.haguard.api.v1alpha1.ClusterPolicySpec.ZonesSpec;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.api.v1alpha1.SeverityOverride;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validates a policy spec and fills in its defaults. The one validator: the operator (which sets
 * Ready=False/InvalidSpec) and {@code audit --policy} (which exits 2) both call it, because not
 * every cluster enforces the CRD schema and the CLI has no API server at all.
 */
public final class PolicyResolver {
  static final List<String> DEFAULT_EXCLUDED_NAMESPACES = List.of("kube-system", "kube-public", "kube-node-lease");
  static final String DEFAULT_TOPOLOGY_KEY = "topology.kubernetes.io/zone";

  // Kubernetes' own syntax rules: DNS-1123 label, qualified label key and value, image tag, host[:port].
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:]+\\](:[0-9]{1,5})?");

  private PolicyResolver() {}

  /** The policy a cluster gets when none is given: every default. */
  public static Policy defaults() {
    try {
      return resolve((ClusterPolicySpec) null);
    } catch (InvalidPolicyException e) {
      throw new IllegalStateException("the defaults must be valid", e);
    }
  }

  /** Resolves a ClusterPolicy read from the API server or a file, including a spec that did not bind. */
  public static Policy resolve(ClusterPolicy policy) throws InvalidPolicyException {
    if (policy.getSpecBindingError() != null) {
      String message = policy.getSpecBindingError();
      int colon = message.indexOf(": ");
      throw new InvalidPolicyException(
          List.of(colon > 0 ? new SpecError(message.substring(0, colon), message.substring(colon + 2))
                            : new SpecError("spec", message)));
    }
    return resolve(policy.getSpec());
  }

  public static Policy resolve(ClusterPolicySpec spec) throws InvalidPolicyException {
    List<SpecError> errors = new ArrayList<>();
    ClusterPolicySpec s = spec != null ? spec : new ClusterPolicySpec(null, null, null, null, null, null, null, null);
    EtcdSpec etcd = s.etcd() != null ? s.etcd() : new EtcdSpec(null, null, null, null, null, null);
    ApiServerSpec api = s.apiServer() != null ? s.apiServer() : new ApiServerSpec(null, null);
    ZonesSpec zones = s.zones() != null ? s.zones() : new ZonesSpec(null);
    ImagesSpec images = s.images() != null ? s.images() : new ImagesSpec(null, null, null, null, null);
    BarePodsSpec bare = s.barePods() != null ? s.barePods() : new BarePodsSpec(null, null);

    List<String> excluded = orDefault(s.excludedNamespaces(), DEFAULT_EXCLUDED_NAMESPACES);
    eachMatches(errors, "spec.excludedNamespaces", excluded, DNS_LABEL, "is not a valid namespace name");
    String etcdNamespace = orDefault(etcd.namespace(), "kube-system");
    if (!DNS_LABEL.matcher(etcdNamespace).matches()) {
      errors.add(new SpecError("spec.etcd.namespace", "\"" + etcdNamespace + "\" is not a valid namespace name"));
    }
    Map<String, String> etcdSelector = selector(errors, "spec.etcd.selector", etcd.selector(), "etcd");
    positive(errors, "spec.etcd.expectedMembers", etcd.expectedMembers());
    int maxMembers = orDefault(etcd.maxMembers(), 7);
    positive(errors, "spec.etcd.maxMembers", maxMembers);
    List<URI> etcdEndpoints = EtcdEndpoints.parse(errors, "spec.etcd.endpoints", orDefault(etcd.endpoints(), List.of()));
    SecretRef tlsSecretRef = etcd.tlsSecretRef();
    if (tlsSecretRef != null) {
      if (tlsSecretRef.namespace() == null || !DNS_LABEL.matcher(tlsSecretRef.namespace()).matches()) {
        errors.add(new SpecError("spec.etcd.tlsSecretRef.namespace",
            "\"" + tlsSecretRef.namespace() + "\" is not a valid namespace name"));
      }
      if (tlsSecretRef.name() == null || tlsSecretRef.name().length() > 253
          || !DNS_SUBDOMAIN.matcher(tlsSecretRef.name()).matches()) {
        errors.add(new SpecError("spec.etcd.tlsSecretRef.name", "\"" + tlsSecretRef.name() + "\" is not a valid Secret name"));
      }
    }
    Map<String, String> apiSelector = selector(errors, "spec.apiServer.selector", api.selector(), "kube-apiserver");
    int minInstances = orDefault(api.minInstances(), 2);
    positive(errors, "spec.apiServer.minInstances", minInstances);
    String topologyKey = orDefault(zones.topologyKey(), DEFAULT_TOPOLOGY_KEY);
    if (!isLabelKey(topologyKey)) {
      errors.add(new SpecError("spec.zones.topologyKey", "\"" + topologyKey + "\" is not a valid label key"));
    }
    List<String> mutableTags = orDefault(images.mutableTags(), List.of("latest"));
    eachMatches(errors, "spec.images.mutableTags", mutableTags, TAG, "is not a valid image tag");
    List<String> insecure = orDefault(images.insecureRegistries(), List.of());
    eachMatches(errors, "spec.images.insecureRegistries", insecure, HOST_PORT, "is not a registry host[:port]");
    String caBundle = images.registryCaBundle();
    if (caBundle != null && !caBundle.contains(PEM_CERTIFICATE)) {
      errors.add(new SpecError("spec.images.registryCaBundle", "holds no PEM certificate (" + PEM_CERTIFICATE + ")"));
    }
    int readyTimeout = orDefault(bare.readyTimeoutSeconds(), 300);
    positive(errors, "spec.barePods.readyTimeoutSeconds", readyTimeout);
    Map<String, SeverityOverride> overrides = new TreeMap<>();
    if (s.severityOverrides() != null) {
      s.severityOverrides().forEach((rule, level) -> {
        String field = "spec.severityOverrides." + rule;
        if (RuleId.byId(rule).isEmpty()) {
          errors.add(new SpecError(field, "unknown rule id \"" + rule + "\""));
        } else if (level == null) {
          errors.add(new SpecError(field, "must be one of off, info, warning, critical"));
        } else {
          overrides.put(rule, level);
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new InvalidPolicyException(errors);
    }
    return new Policy(
        orDefault(s.mode(), Mode.AUDIT),
        Set.copyOf(excluded),
        etcdNamespace,
        etcdSelector,
        etcd.expectedMembers(),
        maxMembers,
        etcdEndpoints,
        tlsSecretRef,
        apiSelector,
        minInstances,
        topologyKey,
        new LinkedHashSet<>(mutableTags),
        orDefault(images.pinScope(), PinScope.MUTABLE_TAGS),
        orDefault(images.pinSource(), PinSource.RUNNING),
        List.copyOf(insecure),
        caBundle,
        orDefault(bare.rewrite(), Boolean.TRUE),
        readyTimeout,
        Map.copyOf(overrides));
  }

  private static Map<String, String> selector(
      List<SpecError> errors, String field, Map<String, String> given, String defaultComponent) {
    if (given == null) {
      return Map.of("component", defaultComponent);
    }
    if (given.isEmpty()) {
      errors.add(new SpecError(field, "must not be empty (it would select every pod)"));
    }
    given.forEach((k, v) -> {
      if (!isLabelKey(k)) {
        errors.add(new SpecError(field, "\"" + k + "\" is not a valid label key"));
      } else if (v == null || v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
        errors.add(new SpecError(field + "." + k, "\"" + v + "\" is not a valid label value"));
      }
    });
    return Map.copyOf(given);
  }

  static boolean isLabelKey(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  private static void eachMatches(List<SpecError> errors, String field, List<String> values, Pattern p, String why) {
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || !p.matcher(v).matches()) {
        errors.add(new SpecError(field + "[" + i + "]", "\"" + v + "\" " + why));
      }
    }
  }

  private static void positive(List<SpecError> errors, String field, Integer value) {
    if (value != null && value < 1) {
      errors.add(new SpecError(field, "must be at least 1, was " + value));
    }
  }

  private static <T> T orDefault(T value, T fallback) {
    return Objects.requireNonNullElse(value, fallback);
  }
}
