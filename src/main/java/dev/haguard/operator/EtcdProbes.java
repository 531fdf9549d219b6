package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicySpec.SecretRef;
import dev.haguard.etcd.EtcdProbe;
import dev.haguard.etcd.EtcdTls;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.EtcdObservation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks etcd directly for a policy with {@code spec.etcd.endpoints}, with the client certificate of
 * {@code spec.etcd.tlsSecretRef} (read with {@code get} by name; its keys are never logged). The probe
 * is bounded by its timeouts and never throws: what fails becomes the observation's errors.
 *
 * <p>The first probe of a set of endpoints is tried a second time when it found no leader: a cold
 * JVM's first TLS handshakes can outlast the timeout, and a false {@code etcd-no-leader} would page.
 */
final class EtcdProbes {
  static final List<String> TLS_KEYS = List.of("ca.crt", "tls.crt", "tls.key");

  private final KubernetesClient client;
  private final Duration timeout;
  private final Set<List<URI>> warm = ConcurrentHashMap.newKeySet();

  EtcdProbes(KubernetesClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** The observation for {@code policy}, or empty when it names no endpoints. */
  Optional<EtcdObservation> probe(Policy policy) {
    List<URI> endpoints = policy.etcdEndpoints();
    if (endpoints.isEmpty()) {
      return Optional.empty();
    }
    EtcdTls tls = null;
    if (policy.etcdTlsSecretRef() != null) {
      Optional<EtcdTls> read;
      try {
        read = tls(policy.etcdTlsSecretRef());
      } catch (KubernetesClientException e) {
        return Optional.of(failed(endpoints, secretName(policy.etcdTlsSecretRef())
            + " cannot be read (HTTP " + e.getCode() + "); see config/rbac/secret_reader_role.yaml"));
      }
      if (read.isEmpty()) {
        return Optional.of(failed(endpoints, secretName(policy.etcdTlsSecretRef())
            + " does not exist or lacks one of " + String.join(", ", TLS_KEYS)));
      }
      tls = read.get();
    }
    EtcdProbe probe = new EtcdProbe(endpoints, tls, timeout);
    EtcdObservation observation = probe.probe();
    if (warm.add(endpoints) && !observation.hasLeader()) {
      observation = probe.probe();
    }
    return Optional.of(observation);
  }

  private Optional<EtcdTls> tls(SecretRef ref) {
    Secret secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
    Map<String, String> data = secret == null || secret.getData() == null ? Map.of() : secret.getData();
    if (!data.keySet().containsAll(TLS_KEYS)) {
      return Optional.empty();
    }
    Base64.Decoder base64 = Base64.getMimeDecoder();
    return Optional.of(EtcdTls.fromPem(secretName(ref), base64.decode(data.get("ca.crt")),
        base64.decode(data.get("tls.crt")), base64.decode(data.get("tls.key"))));
  }

  private static EtcdObservation failed(List<URI> endpoints, String error) {
    return new EtcdObservation(endpoints.stream().map(URI::toString).toList(), List.of(), null, List.of(error));
  }

  private static String secretName(SecretRef ref) {
    return "Secret " + ref.namespace() + "/" + ref.name();
  }
}
