package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current kubeconfig goes through the YAML layer: anchors and merge keys resolved, bad YAML named by file and line. */
class CurrentKubeconfigTest {
  /** fabric8's own switch for where the kubeconfig is (it also reads KUBECONFIG). */
  private static final String KUBECONFIG_PROPERTY = "kubeconfig";

  @TempDir Path dir;
  private final String before = System.getProperty(KUBECONFIG_PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(KUBECONFIG_PROPERTY);
    } else {
      System.setProperty(KUBECONFIG_PROPERTY, before);
    }
  }

  /** Shaped as kubeadm writes admin.conf, with the cluster's fields shared through a merge key, as a hand-edited one may be. */
  @Test
  void anchorsAndMergeKeysAreResolvedAndRelativePathsKeepTheirDirectory() throws Exception {
    Path kubeconfig = use("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster: &prod
            server: https://[fd00:20:1::10]:6443
            certificate-authority: pki/ca.crt
        - name: prod-copy
          cluster:
            <<: *prod
        contexts:
        - name: admin@prod
          context: {cluster: prod-copy, user: admin, namespace: &ns kube-system}
        current-context: admin@prod
        users:
        - name: admin
          user: {token: abc}
        """);

    Config config = CurrentKubeconfig.load();

    assertThat(config.getMasterUrl()).startsWith("https://[fd00:20:1::10]:6443");
    assertThat(config.getCaCertFile()).isEqualTo(kubeconfig.getParent().resolve("pki/ca.crt").toString());
    assertThat(config.getNamespace()).isEqualTo("kube-system");
    assertThat(config.getAutoOAuthToken()).isEqualTo("abc");
  }

  @Test
  void aDuplicateKeyIsBadInputNamingTheFileAndLine() throws Exception {
    Path kubeconfig = use("""
        apiVersion: v1
        kind: Config
        current-context: a
        current-context: b
        """);

    assertThatThrownBy(CurrentKubeconfig::load).isInstanceOf(BadInputException.class)
        .hasMessage("kubeconfig " + kubeconfig + ": line 4, column 1: duplicate key \"current-context\"");
  }

  @Test
  void aSyntaxErrorIsBadInputNamingTheFileAndLine() throws Exception {
    Path kubeconfig = use("apiVersion: v1\nclusters: [unclosed\n");

    assertThatThrownBy(CurrentKubeconfig::load).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("kubeconfig " + kubeconfig + ": line ").hasMessageContaining("YAML syntax error");
  }

  @Test
  void aKubeconfigThatIsNotAMappingIsBadInput() throws Exception {
    Path kubeconfig = use("- just\n- a list\n");

    assertThatThrownBy(CurrentKubeconfig::load).isInstanceOf(BadInputException.class)
        .hasMessage(kubeconfig + ": not a kubeconfig (its document is not a mapping)");
  }

  /** kubectl's "context was not found" case: fabric8 alone would try the in-cluster address and say it is unreachable. */
  @Test
  void aCurrentContextThatNamesNoContextIsBadInputListingTheContexts() throws Exception {
    Path kubeconfig = use("""
        apiVersion: v1
        kind: Config
        clusters: [{name: prod, cluster: {server: https://10.0.0.1:6443}}]
        contexts:
        - {name: admin@prod, context: {cluster: prod, user: admin}}
        - {name: viewer@prod, context: {cluster: prod, user: viewer}}
        current-context: admin@staging
        """);

    assertThatThrownBy(CurrentKubeconfig::load).isInstanceOf(BadInputException.class)
        .hasMessage("kubeconfig " + kubeconfig + ": current-context \"admin@staging\" is not one of its contexts"
            + " (admin@prod, viewer@prod)");
  }

  @Test
  void aContextNamingAMissingClusterIsBadInput() throws Exception {
    Path kubeconfig = use("""
        apiVersion: v1
        kind: Config
        clusters: []
        contexts: [{name: admin@prod, context: {cluster: prod, user: admin}}]
        current-context: admin@prod
        """);

    assertThatThrownBy(CurrentKubeconfig::load).isInstanceOf(BadInputException.class)
        .hasMessage("kubeconfig " + kubeconfig + ": context \"admin@prod\" names cluster \"prod\", which is not one of"
            + " its clusters (none)");
  }

  private Path use(String text) throws Exception {
    Path file = Files.writeString(dir.resolve("admin.conf"), text);
    System.setProperty(KUBECONFIG_PROPERTY, file.toString());
    return file;
  }
}
