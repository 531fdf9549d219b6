package dev.haguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

/** The server URL of cluster-info's kubeconfig, read as a plain YAML tree. */
class ApiEndpointsTest {
  private static ConfigMap clusterInfo(String kubeconfig) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace("kube-public").withName("cluster-info")
        .endMetadata().addToData("kubeconfig", kubeconfig).build();
  }

  @Test
  void readsTheFirstClustersServer() {
    assertThat(ApiEndpoints.serverUrl(TestObjects.clusterInfo("https://api.example.com:6443")))
        .contains("https://api.example.com:6443");
  }

  @Test
  void readsWhatKubeadmWritesQuotedOrNotAndAsJson() {
    String kubeadm = """
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: LS0tLS1CRUdJTi
            server: "https://10.0.0.10:6443"
          name: ""
        - cluster:
            server: https://other:6443
          name: other
        contexts: null
        current-context: ""
        kind: Config
        preferences: {}
        users: null
        """;
    assertThat(ApiEndpoints.serverUrl(clusterInfo(kubeadm))).contains("https://10.0.0.10:6443");
    assertThat(ApiEndpoints.serverUrl(clusterInfo("{\"clusters\":[{\"cluster\":{\"server\":\"https://j:6443\"}}]}")))
        .contains("https://j:6443");
  }

  @Test
  void anAnchoredServerIsReadThroughTheYamlLayer() {
    String anchored = """
        apiVersion: v1
        kind: Config
        x-shared: &lb {server: "https://[fd00:20:1::10]:6443"}
        clusters:
        - name: ""
          cluster:
            <<: *lb
            certificate-authority-data: LS0t
        """;
    assertThat(ApiEndpoints.serverUrl(clusterInfo(anchored))).contains("https://[fd00:20:1::10]:6443");
    assertThat(ApiEndpoints.serverUrl(clusterInfo("clusters:\n- cluster: {server: a}\n  cluster: {server: b}\n"))).isEmpty();
  }

  @Test
  void anythingElseHasNoServerUrl() {
    assertThat(ApiEndpoints.serverUrl(clusterInfo(""))).isEmpty();
    assertThat(ApiEndpoints.serverUrl(clusterInfo("clusters: [unclosed"))).isEmpty();
    assertThat(ApiEndpoints.serverUrl(clusterInfo("clusters: []"))).isEmpty();
    assertThat(ApiEndpoints.serverUrl(clusterInfo("clusters:\n- cluster:\n    server: [1, 2]\n"))).isEmpty();
    assertThat(ApiEndpoints.serverUrl(clusterInfo("just a string"))).isEmpty();
    assertThat(ApiEndpoints.serverUrl(new ConfigMapBuilder().withNewMetadata().withName("cluster-info").endMetadata()
        .build())).isEmpty();
  }
}
