package dev.haguard.registry;

import static dev.haguard.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.image.ImageReference;
import dev.haguard.operator.PublishedText;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.RegistryAnswer;
import dev.haguard.support.CapturedLogs;
import dev.haguard.support.RealTier;
import dev.haguard.support.TestObjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials never leave the registry client: a dockerconfigjson password (against a real
 * htpasswd-protected registry, right and wrong) and a bearer token (from a scripted token server)
 * appear in no log line (at DEBUG, fabric8 and JOSDK included), no exception, no toString, and not
 * in the status, Events or metrics that the answers lead to.
 */
@RealTier
class RegistrySecretsTest {
  private static final String USER = "robot";
  private static final String PASSWORD = "pw-7c1e9b2f44d0a8";
  private static final String WRONG_PASSWORD = "pw-wrong-5e3a91c7";
  private static final String TOKEN = "tok-3f9d0c6a72b1e4";
  private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestTypes.OCI_MANIFEST
      + "\"}").getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final List<String> said = new ArrayList<>();
  private final ClusterSnapshot.Builder cluster = ClusterSnapshot.builder();

  @Test
  void credentialsAppearNowhere() throws Exception {
    String logs;
    try (CapturedLogs captured = new CapturedLogs();
        LocalRegistry registry = LocalRegistry.start(dir, USER, PASSWORD)) {
      registry.images().pushImage("team/app", "1.0", "amd64");
      String image = registry.host() + "/team/app:1.0";
      ask(image, dockerConfig(registry.host(), PASSWORD), "right");
      ask(image, dockerConfig(registry.host(), WRONG_PASSWORD), "wrong");
      ask(image, RegistryCredentials.none(), "none");
      askWithToken();
      said.add(PublishedText.of(analysis()));
      logs = captured.text();
    }

    List<String> secrets = List.of(PASSWORD, WRONG_PASSWORD, TOKEN, basic(PASSWORD), basic(WRONG_PASSWORD));
    assertThat(said).as("what the client and the operator say").noneMatch(t -> secrets.stream().anyMatch(t::contains));
    assertThat(logs).doesNotContain(secrets);
    // The runs did what they should: resolved with the right password and the token, refused otherwise.
    assertThat(String.join("\n", said)).contains("refused the configured credentials", "needs credentials",
        "image-digest-unresolved").containsPattern("ResolvedDigest\\[image=127.0.0.1:\\d+/team/app:1,");
  }

  private void ask(String image, RegistryCredentials credentials, String name) throws Exception {
    said.add(credentials.toString());
    RegistrySettings settings = RegistrySettings.builder().credentials(credentials).build();
    said.add(settings.toString());
    try (RegistryClient client = new RegistryClient(settings)) {
      ImageReference ref = ImageReference.tryParse(image).orElseThrow();
      Throwable failure = catchThrowable(() -> {
        ResolvedDigest resolved = client.resolveNow(ref);
        said.add(resolved.toString());
        answer(name, RegistryAnswer.resolved(resolved.digest(), resolved.platforms()));
      });
      if (failure != null) {
        said.add(stackTrace(failure));
        answer(name, RegistryAnswer.failed(failure.getMessage()));
      }
      said.add(client.requests().toString());
    }
  }

  /** A token server that hands out {@link #TOKEN}: one manifest is served with it, the other refused even so. */
  private void askWithToken() throws Exception {
    ScriptedRegistry[] self = new ScriptedRegistry[1];
    try (ScriptedRegistry server = ScriptedRegistry.startWithOwnPing(e -> {
      if (e.getRequestURI().getPath().equals("/token")) {
        respond(e, 200, Map.of(), ("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
      } else if (e.getRequestURI().getPath().contains("/manifests/1")
          && ("Bearer " + TOKEN).equals(e.getRequestHeaders().getFirst("Authorization"))) {
        respond(e, 200, Map.of("Content-Type", ManifestTypes.OCI_MANIFEST,
            "Docker-Content-Digest", ManifestResolver.sha256(MANIFEST)), MANIFEST);
      } else {
        respond(e, 401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + self[0].host()
            + "/token\",service=\"test\""), new byte[0]);
      }
    })) {
      self[0] = server;
      ask(server.host() + "/team/app:1", RegistryCredentials.none(), "token-ok");
      ask(server.host() + "/team/app:2", RegistryCredentials.none(), "token-refused");
    }
  }

  /** One Deployment per image asked about, with the registry's answer, analysed as the operator would. */
  private void answer(String name, RegistryAnswer answer) {
    cluster.add(TestObjects.deployment("shop", name, 1, name + ":latest"));
    cluster.registryAnswer(name + ":latest", answer);
    said.add(answer.toString());
  }

  private ClusterPolicyStatus analysis() {
    return StatusMapper.forCli().status(
        Analyzer.standard(Clock.systemUTC()).analyze(cluster.build(), PolicyResolver.defaults()));
  }

  private static RegistryCredentials dockerConfig(String host, String password) throws RegistrySetupException {
    return RegistryCredentials.fromJson("{\"auths\":{\"" + host + "\":{\"auth\":\""
        + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
  }

  private static String basic(String password) {
    return Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String stackTrace(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
