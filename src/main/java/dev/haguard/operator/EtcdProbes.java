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
 * is bounded by its timeouts and never throws: what fails becomes the observation's errors. It runs on
 * {@link EtcdPolling}'s threads, never on a reconcile's.
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

  /**
   * What a policy asks etcd with: its endpoints and the Secret of its client certificate (null: none).
   * Two policies, or one policy before and after an edit, with the same target share its readings.
   */
  record Target(List<URI> endpoints, SecretRef tlsSecretRef) {
    Target {
      endpoints = List.copyOf(endpoints);
    }

    /** The target of {@code policy}, or empty when it names no endpoints (it is never probed). */
    static Optional<Target> of(Policy policy) {
      return policy.etcdEndpoints().isEmpty() ? Optional.empty()
          : Optional.of(new Target(policy.etcdEndpoints(), policy.etcdTlsSecretRef()));
    }
  }

  /** What etcd answered at {@code target}; the Secret is read anew each time, so a renewed certificate is used. */
  EtcdObservation probe(Target target) {
    List<URI> endpoints = target.endpoints();
    EtcdTls tls = null;
    if (target.tlsSecretRef() != null) {
      Optional<EtcdTls> read;
      try {
        read = tls(target.tlsSecretRef());
      } catch (KubernetesClientException e) {
        return failed(endpoints, secretName(target.tlsSecretRef())
            + " cannot be read (HTTP " + e.getCode() + "); see config/rbac/secret_reader_role.yaml");
      }
      if (read.isEmpty()) {
        return failed(endpoints, secretName(target.tlsSecretRef())
            + " does not exist or lacks one of " + String.join(", ", TLS_KEYS));
      }
      tls = read.get();
    }
    EtcdProbe probe = new EtcdProbe(endpoints, tls, timeout);
    EtcdObservation observation = probe.probe();
    if (warm.add(endpoints) && !observation.hasLeader()) {
      observation = probe.probe();
    }
    return observation;
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
