package dev.haguard.remediation;

import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded API server as the remediation tests see it, with the controllers it lacks played by
 * hand: the Deployment controller and kubelet ({@link #makeAvailable}), garbage collection
 * ({@link #collectGarbage}).
 */
public final class Cluster {
  private final KubernetesClient client;

  public Cluster(KubernetesClient client) {
    this.client = client;
  }

  public <T extends HasMetadata> T create(T object) {
    return client.resource(object).create();
  }

  /** A LIST of everything remediation reads, as the operator's snapshot would hold it. */
  public ClusterSnapshot snapshot() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.pods().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
    objects.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    objects.addAll(client.persistentVolumeClaims().inAnyNamespace().list().getItems());
    objects.addAll(client.nodes().list().getItems());
    return ClusterSnapshot.builder().addAll(objects).build();
  }

  public Optional<Pod> pod(String name) {
    return Optional.ofNullable(client.pods().inNamespace(Fixtures.NS).withName(name).get());
  }

  public List<Deployment> deployments() {
    return client.apps().deployments().inNamespace(Fixtures.NS).list().getItems();
  }

  public Optional<Deployment> deployment(String name) {
    return Optional.ofNullable(client.apps().deployments().inNamespace(Fixtures.NS).withName(name).get());
  }

  /** What the Deployment controller and the kubelet would do: one Ready pod, one available replica. */
  public void makeAvailable(String deployment) {
    Deployment d = deployment(deployment).orElseThrow();
    String label = d.getSpec().getSelector().getMatchLabels().get(HandoffAnnotations.REPLACEMENT_LABEL);
    Pod pod = new PodBuilder(TestObjects.pod(Fixtures.NS, deployment + "-7f9c-" + label.length(), "node-1",
        d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()))
        .editMetadata().withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(deployment + "-7f9c")
        .withUid(TestObjects.uid()).withController(true).endOwnerReference()
        .endMetadata().build();
    if (pod(pod.getMetadata().getName()).isEmpty()) {
      client.resource(pod).create();
    }
    d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).withReadyReplicas(1).build());
    client.apps().deployments().inNamespace(Fixtures.NS).resource(d).updateStatus();
  }

  /** Garbage collection: pods of replacements that no longer exist go. */
  public void collectGarbage() {
    List<String> labels = deployments().stream()
        .map(d -> d.getSpec().getSelector().getMatchLabels().get(HandoffAnnotations.REPLACEMENT_LABEL)).toList();
    for (Pod p : client.pods().inNamespace(Fixtures.NS).withLabel(HandoffAnnotations.REPLACEMENT_LABEL).list()
        .getItems()) {
      if (!labels.contains(p.getMetadata().getLabels().get(HandoffAnnotations.REPLACEMENT_LABEL))) {
        client.resource(p).delete();
      }
    }
  }

  public KubernetesClient client() {
    return client;
  }
}
