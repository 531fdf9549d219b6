package dev.haguard.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import java.util.List;
import java.util.Map;

/**
 * What a policy asks for. Every field is optional; the defaults are in the CRD schema (a real API
 * server fills them) and again in {@code dev.haguard.policy.PolicyResolver} (the CLI has no server).
 */
public record ClusterPolicySpec(
    @Default("Audit") Mode mode,
    List<String> excludedNamespaces,
    EtcdSpec etcd,
    ApiServerSpec apiServer,
    ZonesSpec zones,
    ImagesSpec images,
    BarePodsSpec barePods,
    Map<String, SeverityOverride> severityOverrides) {

  /**
   * Where etcd runs and how large it may grow; {@code endpoints} (client URLs) turn on the direct
   * probe, with the client certificate of {@code tlsSecretRef} ({@code ca.crt}, {@code tls.crt}, {@code tls.key}).
   */
  public record EtcdSpec(
      @Default("kube-system") String namespace,
      Map<String, String> selector,
      @io.fabric8.generator.annotation.Min(1) Integer expectedMembers,
      @Default("7") @io.fabric8.generator.annotation.Min(1) Integer maxMembers,
      List<String> endpoints,
      SecretRef tlsSecretRef) {}

  /** A Secret by namespace and name. */
  public record SecretRef(
      @io.fabric8.generator.annotation.Required String namespace,
      @io.fabric8.generator.annotation.Required String name) {}

  /** How apiservers are recognised and how many there must be. */
  public record ApiServerSpec(
      Map<String, String> selector, @Default("2") @io.fabric8.generator.annotation.Min(1) Integer minInstances) {}

  /** The node label that names a node's zone. */
  public record ZonesSpec(@Default("topology.kubernetes.io/zone") String topologyKey) {}

  /**
   * Which image tags count as mutable, and what Enforce pins; how registries are reached:
   * {@code insecureRegistries} over plain HTTP, {@code registryCaBundle} (PEM certificates) trusted
   * besides the JDK's CAs, for registries with private certificates.
   */
  public record ImagesSpec(
      List<String> mutableTags,
      @Default("MutableTags") PinScope pinScope,
      @Default("Running") PinSource pinSource,
      List<String> insecureRegistries,
      String registryCaBundle) {}

  /** Whether Enforce turns bare Pods into Deployments, and how long a replacement may take to be Ready. */
  public record BarePodsSpec(
      @Default("true") Boolean rewrite,
      @Default("300") @io.fabric8.generator.annotation.Min(1) Integer readyTimeoutSeconds) {}
}
