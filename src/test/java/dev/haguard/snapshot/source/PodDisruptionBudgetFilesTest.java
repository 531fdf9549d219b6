package dev.haguard.snapshot.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PodDisruptionBudgets (policy/v1) are read from files as {@code kubectl get pdb -A -o yaml} prints them. */
class PodDisruptionBudgetFilesTest {
  @TempDir Path dir;

  @Test
  void kubectlListOfPdbsIsReadWithSelectorBudgetAndStatus() throws Exception {
    Path file = dir.resolve("pdbs.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata:
            name: web
            namespace: shop
            uid: 0b1c6c1e-5f0e-4f4e-9f57-1f2d3c4b5a61
            resourceVersion: "4711"
            managedFields:
            - manager: kubectl-client-side-apply
              operation: Update
              apiVersion: policy/v1
          spec:
            minAvailable: 2
            selector:
              matchLabels: {app: web}
          status:
            currentHealthy: 3
            desiredHealthy: 2
            disruptionsAllowed: 1
            expectedPods: 3
            observedGeneration: 1
        - apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata: {name: db, namespace: shop}
          spec:
            maxUnavailable: 25%
            selector:
              matchExpressions:
              - {key: app, operator: In, values: [db]}
        - apiVersion: policy/v1beta1
          kind: PodDisruptionBudget
          metadata: {name: removed-in-1-25, namespace: shop}
          spec: {minAvailable: 1}
        metadata: {resourceVersion: ""}
        """);

    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(file.toString()), builder);
    List<PodDisruptionBudget> pdbs = builder.build().podDisruptionBudgets();

    // policy/v1beta1 was removed in Kubernetes 1.25: a snapshot reads policy/v1 only.
    assertThat(pdbs).extracting(p -> p.getMetadata().getName()).containsExactly("web", "db");
    assertThat(pdbs.get(0).getSpec().getMinAvailable()).isEqualTo(new IntOrString(2));
    assertThat(pdbs.get(0).getSpec().getSelector().getMatchLabels()).containsEntry("app", "web");
    assertThat(pdbs.get(0).getStatus().getDisruptionsAllowed()).isEqualTo(1);
    assertThat(pdbs.get(1).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
    assertThat(pdbs.get(1).getSpec().getSelector().getMatchExpressions()).hasSize(1);
  }
}
