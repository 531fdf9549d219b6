package dev.haguard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAuthUsernamePasswordAndIdentityTokenEntries() throws Exception {
    RegistryCredentials credentials = RegistryCredentials.fromJson("{\"auths\":{"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:pw:with:colons") + "\"},"
        + "\"registry.example.com:5000\":{\"username\":\"u\",\"password\":\"p\"},"
        + "\"token.example.com\":{\"identitytoken\":\"refresh\"}}}");

    assertThat(credentials.forRegistry("docker.io")).hasValueSatisfying(c -> {
      assertThat(c.username()).isEqualTo("hub");
      assertThat(c.password()).isEqualTo("pw:with:colons");
    });
    assertThat(credentials.forRegistry("registry.example.com:5000")).hasValueSatisfying(c ->
        assertThat(c.basicAuthorization()).isEqualTo("Basic " + b64("u:p")));
    assertThat(credentials.forRegistry("token.example.com")).hasValueSatisfying(c ->
        assertThat(c.hasIdentityToken()).isTrue());
    assertThat(credentials.forRegistry("other.example.com")).isEmpty();
  }

  @Test
  void neverPrintsASecret() throws Exception {
    RegistryCredentials credentials =
        RegistryCredentials.fromJson("{\"auths\":{\"r.example\":{\"username\":\"u\",\"password\":\"hunter2\"}}}");

    assertThat(credentials.toString()).doesNotContain("hunter2");
    assertThat(credentials.forRegistry("r.example").orElseThrow().toString()).doesNotContain("hunter2");
  }

  @Test
  void badEntriesAreNamedWithoutTheirSecret() {
    assertThatThrownBy(() -> RegistryCredentials.fromJson("{\"auths\":{\"r.example\":{\"auth\":\"%%hunter2\"}}}"))
        .isInstanceOf(RegistrySetupException.class)
        .hasMessageContaining("r.example")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RegistryCredentials.fromJson("not json"))
        .isInstanceOf(RegistrySetupException.class);
  }

  @Test
  void theFirstSecretWinsWhenMerged() throws Exception {
    RegistryCredentials first = RegistryCredentials.fromJson("{\"auths\":{\"r.example\":{\"username\":\"first\"}}}");
    RegistryCredentials second = RegistryCredentials.fromJson("{\"r.example\":{\"username\":\"second\"},"
        + "\"s.example\":{\"username\":\"s\"}}");

    RegistryCredentials merged = RegistryCredentials.merge(List.of(first, second));

    assertThat(merged.forRegistry("r.example").orElseThrow().username()).isEqualTo("first");
    assertThat(merged.forRegistry("s.example")).isPresent();
  }
}
