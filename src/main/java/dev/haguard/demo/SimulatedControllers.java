package dev.haguard.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's stand-ins for the Deployment controller and the kubelet, which the embedded API
 * server lacks; just enough for Enforce to be seen working, and never part of {@code haguard operator}:
 * <ul>
 *   <li>a Deployment without a ReplicaSet gets one with its pods (on the first node), and every
 *       Deployment reports its replicas Ready and available at its current generation;</li>
 *   <li>a pod on a node that reports no container statuses is Running and Ready, each container
 *       reporting an {@code imageID} with a digest: the image's own, or, for a tag, the sha256 of the
 *       image string (deterministic, so the same tag always "runs" the same digest, the one
 *       {@link SimulatedRegistry} gives for it).</li>
 * </ul>
 */
public final class SimulatedControllers implements AutoCloseable {
  public static final String NOTICE = "The demo plays the Deployment controller (ReplicaSets, pods, availability) and the"
      + " kubelet (Ready pods reporting image digests: sha256 of the image name for a tag) so that Enforce can act.";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedControllers.class);

  private final KubernetesClient client;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  private SimulatedControllers(KubernetesClient client) {
    this.client = client;
  }

  /** Starts both simulations on {@code client}'s cluster; close to stop them. */
  public static SimulatedControllers start(KubernetesClient client) {
    SimulatedControllers controllers = new SimulatedControllers(client);
    controllers.informers.add(client.apps().deployments().inAnyNamespace()
        .inform(onAddOrUpdate(controllers::deploymentController)));
    controllers.informers.add(client.pods().inAnyNamespace().inform(onAddOrUpdate(controllers::kubelet)));
    return controllers;
  }

  private static <T> ResourceEventHandler<T> onAddOrUpdate(Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        safely(action, obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        safely(action, newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        // Nothing to play: no garbage collection in the demo.
      }
    };
  }

  private static <T> void safely(Consumer<T> action, T obj) {
    try {
      action.accept(obj);
    } catch (KubernetesClientException e) {
      // The object changed or went meanwhile: its next event brings it back.
      LOG.debug("simulation skipped {}: {}", obj, e.getMessage());
    }
  }

  private static boolean acceptsPods(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null || node.getSpec().getTaints().stream()
        .noneMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
  }

  private void deploymentController(Deployment d) {
    if (d.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String namespace = d.getMetadata().getNamespace();
    int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    boolean hasReplicaSet = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
        .anyMatch(rs -> ownedBy(rs, d));
    if (!hasReplicaSet) {
      ReplicaSet rs = client.resource(new ReplicaSetBuilder()
          .withNewMetadata().withNamespace(namespace).withName(d.getMetadata().getName() + "-demo")
          .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
          .withOwnerReferences(controllerRef(d)).endMetadata()
          .withNewSpec().withReplicas(replicas).withSelector(d.getSpec().getSelector())
          .withTemplate(d.getSpec().getTemplate()).endSpec().build()).create();
      // As a scheduler would, never on a node that repels pods (the demo's control plane is tainted);
      // the first by name, so every run places the pods alike (the list comes in creation order,
      // and the nodes are created side by side).
      String node = client.nodes().list().getItems().stream().filter(SimulatedControllers::acceptsPods)
          .map(n -> n.getMetadata().getName()).sorted().findFirst().orElse(null);
      for (int i = 0; i < replicas; i++) {
        client.resource(new PodBuilder().withNewMetadata().withNamespace(namespace)
            .withName(rs.getMetadata().getName() + "-" + i).withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
            .withOwnerReferences(controllerRef(rs)).endMetadata()
            .withSpec(d.getSpec().getTemplate().getSpec()).editSpec().withNodeName(node).endSpec().build()).create();
      }
    }
    DeploymentStatus wanted = new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
        .withUpdatedReplicas(replicas).build();
    if (!wanted.equals(d.getStatus())) {
      d.setStatus(wanted);
      client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }
  }

  private void kubelet(Pod pod) {
    if (pod.getSpec().getNodeName() == null || pod.getMetadata().getDeletionTimestamp() != null
        || (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
            && !pod.getStatus().getContainerStatuses().isEmpty())) {
      return;
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      statuses.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
          .withImageID(imageId(c.getImage())).withReady(true).withStarted(true)
          .withNewState().withNewRunning().endRunning().endState().build());
    }
    pod.setStatus(new PodStatusBuilder(pod.getStatus()).withPhase("Running").withConditions()
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .withContainerStatuses(statuses).build());
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
  }

  /** {@code repository@sha256:...} as a kubelet reports it: the image's digest, or one derived from its name. */
  static String imageId(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return image;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    String repository = colon > slash ? image.substring(0, colon) : image;
    return repository + "@" + SimulatedRegistry.digestOf(image);
  }

  private static boolean ownedBy(HasMetadata o, HasMetadata owner) {
    return o.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> Objects.equals(r.getUid(), owner.getMetadata().getUid()));
  }

  private static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
