package dev.haguard.registry;

import static dev.haguard.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryException.Failure;
import dev.haguard.support.EmbeddedTier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registries that answer badly: every answer is bounded, reported with a typed failure, and never trusted blindly. */
@EmbeddedTier
class RegistryClientFaultTest {
  private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestTypes.OCI_MANIFEST
      + "\",\"config\":{},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> OCI = Map.of("Content-Type", ManifestTypes.OCI_MANIFEST);

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private ScriptedRegistry server;
  private RegistryClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private RegistryClient client(RegistrySettings.Builder settings) throws RegistrySetupException {
    client = new RegistryClient(settings.sleeper(sleeps::add).build());
    return client;
  }

  private RegistryClient client() throws RegistrySetupException {
    return client(RegistrySettings.builder());
  }

  private ImageReference image(String repoAndTag) {
    return ImageReference.tryParse(server.host() + "/" + repoAndTag).orElseThrow();
  }

  private static Failure failureOf(ThrowingResolve resolve) throws RegistrySetupException {
    try {
      resolve.run();
    } catch (RegistryException e) {
      return e.failure();
    }
    throw new AssertionError("expected a RegistryException");
  }

  private interface ThrowingResolve {
    void run() throws RegistryException, RegistrySetupException;
  }

  @Test
  void aMalformedDigestHeaderIsABadAnswer() throws Exception {
    server = ScriptedRegistry.start(e -> respond(e, 200,
        Map.of("Content-Type", ManifestTypes.OCI_MANIFEST, "Docker-Content-Digest", "sha256:not-hex"), MANIFEST));

    assertThatThrownBy(() -> client().resolveNow(image("app:1")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.failure()).isEqualTo(Failure.BAD_ANSWER);
          assertThat(e.getMessage()).contains("malformed digest");
        });
  }

  @Test
  void withoutADigestHeaderTheBodyIsHashed() throws Exception {
    server = ScriptedRegistry.start(e -> respond(e, 200, OCI, MANIFEST));

    ResolvedDigest resolved = client().resolveNow(image("app:1"));

    assertThat(resolved.digest()).isEqualTo(ManifestResolver.sha256(MANIFEST));
    assertThat(server.manifestRequests()).extracting(ScriptedRegistry.Seen::method).containsExactly("HEAD", "GET");
  }

  @Test
  void aDigestHeaderThatDoesNotMatchTheBodyIsNotTrusted() throws Exception {
    String other = "sha256:" + "b".repeat(64);
    server = ScriptedRegistry.start(e -> respond(e, 200, e.getRequestMethod().equals("GET")
        ? Map.of("Content-Type", ManifestTypes.OCI_MANIFEST, "Docker-Content-Digest", other) : OCI, MANIFEST));

    assertThat(failureOf(() -> client().resolveNow(image("app:1")))).isEqualTo(Failure.BAD_ANSWER);
  }

  @Test
  void anIndexThatDoesNotHashToItsDigestOrIsNotJsonIsABadAnswer() throws Exception {
    byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
    String notJsonDigest = ManifestResolver.sha256(notJson);
    server = ScriptedRegistry.start(e -> {
      String path = e.getRequestURI().getPath();
      if (path.endsWith("/manifests/garbled") || path.endsWith("/manifests/forged")) {
        String digest = path.endsWith("garbled") ? notJsonDigest : "sha256:" + "c".repeat(64);
        respond(e, 200, Map.of("Content-Type", ManifestTypes.OCI_INDEX, "Docker-Content-Digest", digest), notJson);
      } else {
        respond(e, 200, Map.of("Content-Type", ManifestTypes.OCI_INDEX), notJson);
      }
    });
    RegistryClient client = client();

    assertThatThrownBy(() -> client.resolveNow(image("app:garbled")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("not valid JSON"));
    assertThatThrownBy(() -> client.resolveNow(image("app:forged")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("not trusted"));
  }

  @Test
  void aHugeBodyIsCutOffAtTheLimit() throws Exception {
    server = ScriptedRegistry.start(e -> {
      e.getResponseHeaders().add("Content-Type", ManifestTypes.OCI_MANIFEST);
      boolean head = e.getRequestMethod().equals("HEAD");
      e.sendResponseHeaders(200, head ? -1 : 0);
      if (!head) {
        streamMegabytes(e, 64);
      }
    });

    assertThatThrownBy(() -> client(RegistrySettings.builder().maxManifestBytes(1 << 20)).resolveNow(image("app:1")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.failure()).isEqualTo(Failure.BAD_ANSWER);
          assertThat(e.getMessage()).contains("larger than");
        });
  }

  private static void streamMegabytes(HttpExchange exchange, int megabytes) {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < megabytes; i++) {
        out.write(chunk);
      }
    } catch (IOException clientHungUp) {
      // Expected: the client stops reading at its limit.
    }
  }

  @Test
  void a429IsRetriedAfterTheRetryAfterItAsks() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server = ScriptedRegistry.start(e -> {
      if (calls.incrementAndGet() == 1) {
        respond(e, 429, Map.of("Retry-After", "2"), new byte[0]);
      } else {
        respond(e, 200, Map.of("Content-Type", ManifestTypes.OCI_MANIFEST, "Docker-Content-Digest",
            ManifestResolver.sha256(MANIFEST)), MANIFEST);
      }
    });

    assertThat(client().resolveNow(image("app:1")).digest()).isEqualTo(ManifestResolver.sha256(MANIFEST));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(server.manifestRequests()).hasSize(2);
  }

  @Test
  void a503IsRetriedABoundedNumberOfTimesWithGrowingBackoff() throws Exception {
    server = ScriptedRegistry.start(e -> respond(e, 503, Map.of(), new byte[0]));

    assertThat(failureOf(() -> client().resolveNow(image("app:1")))).isEqualTo(Failure.UNREACHABLE);
    assertThat(server.manifestRequests()).hasSize(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isGreaterThan(sleeps.get(0));
  }

  @Test
  void aRetryAfterLongerThanHaguardWaitsIsReportedAtOnce() throws Exception {
    server = ScriptedRegistry.start(e -> respond(e, 429, Map.of("Retry-After", "3600"), new byte[0]));

    assertThat(failureOf(() -> client().resolveNow(image("app:1")))).isEqualTo(Failure.UNREACHABLE);
    assertThat(sleeps).isEmpty();
    assertThat(server.manifestRequests()).hasSize(1);
  }

  @Test
  void aSlowAnswerHitsTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server = ScriptedRegistry.start(e -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      RegistryClient client = client(RegistrySettings.builder().timeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
      assertThat(failureOf(() -> client.resolveNow(image("app:1")))).isEqualTo(Failure.TIMEOUT);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowedAndGetsNoCredentials() throws Exception {
    try (ScriptedRegistry elsewhere = ScriptedRegistry.start(e -> respond(e, 200, OCI, MANIFEST))) {
      server = ScriptedRegistry.start(e -> {
        if (e.getRequestHeaders().getFirst("Authorization") == null) {
          respond(e, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), new byte[0]);
        } else {
          respond(e, 307, Map.of("Location", "http://" + elsewhere.host() + e.getRequestURI()), new byte[0]);
        }
      });
      String auth = java.util.Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8));
      RegistryCredentials credentials =
          RegistryCredentials.fromJson("{\"auths\":{\"" + server.host() + "\":{\"auth\":\"" + auth + "\"}}}");

      assertThatThrownBy(() -> client(RegistrySettings.builder().credentials(credentials)).resolveNow(image("app:1")))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.BAD_ANSWER);
            assertThat(e.getMessage()).contains("another origin");
          });
      assertThat(server.manifestRequests()).extracting(ScriptedRegistry.Seen::authorization).contains("Basic " + auth);
      assertThat(elsewhere.all()).isEmpty();
    }
  }

  @Test
  void noMoreThanFourRequestsAreInFlightToOneRegistry() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    CountDownLatch fourArrived = new CountDownLatch(4);
    server = ScriptedRegistry.start(e -> {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      fourArrived.countDown();
      try {
        fourArrived.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      respond(e, 200, Map.of("Content-Type", ManifestTypes.OCI_MANIFEST, "Docker-Content-Digest",
          ManifestResolver.sha256(MANIFEST)), MANIFEST);
    });
    RegistryClient client = client();

    List<CompletableFuture<ResolvedDigest>> all = IntStream.range(0, 12)
        .mapToObj(i -> client.resolve(image("app:" + i))).toList();
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

    assertThat(mostInFlight.get()).isEqualTo(4);
    assertThat(server.manifestRequests()).hasSize(12);
  }
}
