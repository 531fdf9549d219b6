package dev.haguard.operator;

import dev.haguard.image.ImageReference;
import dev.haguard.image.Sha256;
import dev.haguard.policy.Policy;
import dev.haguard.registry.DigestLookup;
import dev.haguard.registry.RegistryClient;
import dev.haguard.registry.RegistrySettings;
import dev.haguard.registry.RegistrySetupException;
import dev.haguard.registry.ResolvedDigest;
import dev.haguard.remediation.DigestResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.RegistryAnswer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry side of Enforce: adapts a {@link DigestLookup} ({@link RegistryClient} in production)
 * to the remediation engine's {@link DigestResolver}, and remembers what registries last said about each image (digest and
 * platforms, or why not) so that the next analysis can report it ({@code image-digest-unresolved},
 * {@code image-arch-missing}) without asking a registry itself.
 *
 * <p>A client holds one set of credentials, so there is one client per (policy registry settings,
 * pull credentials); workloads without pull secrets share the anonymous one. Each client caches its
 * answers and keeps one request in flight per tag.
 */
final class RegistryDigests implements AutoCloseable {
  /** Clients kept at most; the least recently used is closed beyond this. */
  private static final int MAX_CLIENTS = 32;

  private record ClientKey(Set<String> insecureRegistries, String caBundleHash, String credentials) {}

  private final PullCredentials credentials;
  private final DigestLookup.Factory registries;
  private final Map<ClientKey, DigestLookup> clients = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, RegistryAnswer> answers = new ConcurrentHashMap<>();
  private final AtomicLong answerCount = new AtomicLong();

  RegistryDigests(PullCredentials credentials, DigestLookup.Factory registries) {
    this.credentials = credentials;
    this.registries = registries;
  }

  /** The resolver for {@code policy}'s registry settings (insecure registries, CA bundle). */
  DigestResolver resolverFor(Policy policy) {
    return (image, pull) -> {
      DigestLookup client;
      try {
        client = client(policy, credentials.of(pull));
      } catch (RegistrySetupException e) {
        answers.put(image.toString(), RegistryAnswer.failed(e.getMessage()));
        return CompletableFuture.failedFuture(e);
      }
      return client.resolve(image)
          .whenComplete((digest, error) -> remember(image, digest, error))
          .thenApply(digest -> new DigestResolver.ResolvedDigest(digest.digest()));
    };
  }

  /** Puts what registries last said into the snapshot, for the analysis. */
  void addTo(ClusterSnapshot.Builder snapshot) {
    answers.forEach(snapshot::registryAnswer);
  }

  /** A number that changes whenever a registry answer arrives: an analysis that ran before it is out of date. */
  long answersSoFar() {
    return answerCount.get();
  }

  private void remember(ImageReference image, ResolvedDigest digest, Throwable error) {
    answers.put(image.toString(), error == null ? RegistryAnswer.resolved(digest.digest(), digest.platforms())
        : RegistryAnswer.failed(RegistryClient.failureOf(error).getMessage()));
    answerCount.incrementAndGet();
  }

  private synchronized DigestLookup client(Policy policy, PullCredentials.Found found)
      throws RegistrySetupException {
    String ca = policy.registryCaBundle();
    ClientKey key = new ClientKey(Set.copyOf(policy.insecureRegistries()), ca == null ? null : Sha256.hex(ca),
        found.fingerprint());
    DigestLookup client = clients.get(key);
    if (client == null) {
      RegistrySettings.Builder settings = RegistrySettings.builder()
          .insecureRegistries(key.insecureRegistries())
          .credentials(found.credentials());
      if (ca != null) {
        settings.caBundle(caFile(key.caBundleHash(), ca));
      }
      client = registries.open(settings.build());
      clients.put(key, client);
      if (clients.size() > MAX_CLIENTS) {
        var eldest = clients.entrySet().iterator();
        eldest.next().getValue().close();
        eldest.remove();
      }
    }
    return client;
  }

  /** The policy's PEM bundle as a file, which is what the registry client reads; CA certificates are public. */
  private static Path caFile(String hash, String pem) throws RegistrySetupException {
    try {
      Path file = Path.of(System.getProperty("java.io.tmpdir"), "haguard-registry-ca-" + hash + ".pem");
      if (!Files.exists(file)) {
        Path partial = Files.createTempFile(file.getParent(), "haguard-registry-ca-", ".tmp");
        Files.writeString(partial, pem, StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return file;
    } catch (IOException e) {
      throw new RegistrySetupException("spec.images.registryCaBundle cannot be written to a file: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    clients.values().forEach(DigestLookup::close);
    clients.clear();
  }
}
