package dev.haguard.operator;

import dev.haguard.image.Sha256;
import dev.haguard.registry.RegistryCredentials;
import dev.haguard.registry.RegistrySetupException;
import dev.haguard.remediation.DigestResolver.PullContext;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry credentials of a workload, as the kubelet would use them: its own imagePullSecrets,
 * then its ServiceAccount's. Every object is read with {@code get} by name (never a list of
 * Secrets), only when a registry must be asked. A missing or unreadable Secret is skipped (the
 * registry then says whether it needed it); Secret contents are never logged or kept beyond the answer.
 */
final class PullCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(PullCredentials.class);
  static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
  static final String DOCKER_CFG = "kubernetes.io/dockercfg";

  /**
   * Credentials and a fingerprint of them (a hash, so that equal credentials share a registry client
   * without the secret itself being a map key anyone could print).
   */
  record Found(RegistryCredentials credentials, String fingerprint) {
    static final Found NONE = new Found(RegistryCredentials.none(), "none");
  }

  private final KubernetesClient client;

  PullCredentials(KubernetesClient client) {
    this.client = client;
  }

  Found of(PullContext pull) {
    Set<String> names = new LinkedHashSet<>(pull.imagePullSecrets());
    serviceAccount(pull).map(sa -> sa.getImagePullSecrets()).orElse(List.of()).stream()
        .map(LocalObjectReference::getName).forEach(names::add);
    List<RegistryCredentials> all = new ArrayList<>();
    MessageDigest fingerprint = Sha256.digest();
    for (String name : names) {
      Optional<String> json = dockerConfig(pull.namespace(), name);
      if (json.isEmpty()) {
        continue;
      }
      try {
        all.add(RegistryCredentials.fromJson(json.get()));
        fingerprint.update((pull.namespace() + "/" + name + "\n" + json.get() + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (RegistrySetupException e) {
        LOG.warn("imagePullSecret {}/{} skipped: {}", pull.namespace(), name, e.getMessage());
      }
    }
    return all.isEmpty() ? Found.NONE
        : new Found(RegistryCredentials.merge(all), HexFormat.of().formatHex(fingerprint.digest()));
  }

  private Optional<ServiceAccount> serviceAccount(PullContext pull) {
    if (pull.serviceAccountName() == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          client.serviceAccounts().inNamespace(pull.namespace()).withName(pull.serviceAccountName()).get());
    } catch (KubernetesClientException e) {
      LOG.warn("ServiceAccount {}/{} not readable, its imagePullSecrets are not used: {}", pull.namespace(),
          pull.serviceAccountName(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The docker config of a dockerconfigjson (or legacy dockercfg) Secret; empty when missing, unreadable or another type. */
  private Optional<String> dockerConfig(String namespace, String name) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      LOG.warn("imagePullSecret {}/{} not readable (grant haguard `get` on it, see config/rbac/secret_reader_role.yaml):"
          + " HTTP {}", namespace, name, e.getCode());
      return Optional.empty();
    }
    if (secret == null || secret.getData() == null) {
      return Optional.empty();
    }
    String key = DOCKER_CONFIG_JSON.equals(secret.getType()) ? ".dockerconfigjson"
        : DOCKER_CFG.equals(secret.getType()) ? ".dockercfg" : null;
    String encoded = key == null ? null : secret.getData().get(key);
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      LOG.warn("imagePullSecret {}/{} skipped: its {} is not base64", namespace, name, key);
      return Optional.empty();
    }
  }
}
