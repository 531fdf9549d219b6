package dev.haguard.registry;

import static dev.haguard.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.image.ImageReference;
import dev.haguard.registry.RegistryException.Failure;
import dev.haguard.registry.RegistryRequests.Kind;
import dev.haguard.support.RealComponents;
import dev.haguard.support.RealTier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anonymous bearer token flow, and TLS with a private CA bundle. */
@RealTier
class RegistryClientTokenAndTlsTest {
  private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestTypes.OCI_MANIFEST
      + "\"}").getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> ANSWER = Map.of("Content-Type", ManifestTypes.OCI_MANIFEST,
      "Docker-Content-Digest", ManifestResolver.sha256(MANIFEST));

  @TempDir
  Path dir;

  @Test
  void fetchesOneAnonymousTokenPerRepositoryScopeAndReusesIt() throws Exception {
    ScriptedRegistry[] self = new ScriptedRegistry[1];
    try (ScriptedRegistry server = ScriptedRegistry.startWithOwnPing(e -> {
      String path = e.getRequestURI().getPath();
      if (path.equals("/token")) {
        String scope = e.getRequestURI().getQuery().replaceAll(".*scope=repository:([^:]+):pull.*", "$1");
        respond(e, 200, Map.of(), ("{\"token\":\"t-" + scope.replace("/", "-") + "\",\"expires_in\":300}")
            .getBytes(StandardCharsets.UTF_8));
      } else if (path.contains("/manifests/") && ("Bearer t-" + path.split("/")[2] + "-" + path.split("/")[3])
          .equals(e.getRequestHeaders().getFirst("Authorization"))) {
        respond(e, 200, ANSWER, MANIFEST);
      } else {
        respond(e, 401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + self[0].host()
            + "/token\",service=\"test\""), new byte[0]);
      }
    })) {
      self[0] = server;
      try (RegistryClient client = new RegistryClient(RegistrySettings.builder().build())) {
        for (String ref : new String[] {"team/a:1", "team/a:2", "team/b:1"}) {
          ImageReference image = ImageReference.tryParse(server.host() + "/" + ref).orElseThrow();
          assertThat(client.resolveNow(image).digest()).isEqualTo(ManifestResolver.sha256(MANIFEST));
        }
        assertThat(client.requests().count(server.host(), Kind.TOKEN)).isEqualTo(2);
        assertThat(client.requests().count(server.host(), Kind.MANIFEST)).isEqualTo(3);
        assertThat(client.requests().count(server.host(), Kind.PING)).isEqualTo(1);
      }
    }
  }

  @Test
  void aPrivateCaVerifiesOnlyWithItsBundleAndFailsLoudlyWithout() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path store = dir.resolve("server.p12");
    String openssl = RealComponents.require("openssl");
    run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(), "-out", cert.toString());
    run(openssl, "pkcs12", "-export", "-in", cert.toString(), "-inkey", dir.resolve("key.pem").toString(),
        "-out", store.toString(), "-passout", "pass:changeit");

    try (ScriptedRegistry server = ScriptedRegistry.startTls(serverTls(store), e -> respond(e, 200, ANSWER, MANIFEST))) {
      ImageReference image = ImageReference.tryParse(server.host() + "/team/app:1").orElseThrow();
      RegistrySettings.Builder tlsOnLoopback = RegistrySettings.builder().plainHttpOnLoopback(false);

      try (RegistryClient withoutBundle = new RegistryClient(tlsOnLoopback.build())) {
        assertThatThrownBy(() -> withoutBundle.resolveNow(image))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
              assertThat(e.failure()).isEqualTo(Failure.TLS);
              assertThat(e.getMessage()).contains("TLS verification failed");
            });
      }
      try (RegistryClient withBundle = new RegistryClient(tlsOnLoopback.caBundle(cert).build())) {
        assertThat(withBundle.resolveNow(image).digest()).isEqualTo(ManifestResolver.sha256(MANIFEST));
      }
    }
  }

  @Test
  void aCaBundleWithoutCertificatesIsASetupError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

    assertThatThrownBy(() -> new RegistryClient(RegistrySettings.builder().caBundle(empty).build()))
        .isInstanceOf(RegistrySetupException.class)
        .hasMessageContaining("empty.pem");
  }

  private static SSLContext serverTls(Path pkcs12) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pkcs12)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }
}
