package dev.haguard.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A generated cluster of any size, the same shape every time (uids aside), for read and analysis
 * benchmarks and for tests that need many objects: three control-plane nodes and workers over
 * three zones, etcd and apiserver static pods, Deployments with their ReplicaSets and pods (every
 * tenth on a {@code latest} image, the rest pinned by tag), StatefulSets with zonal EBS volumes,
 * and Services (a kind the analysis ignores). Objects are produced one at a time, so that a 100k-pod
 * file is written without holding the cluster in memory.
 */
public final class SyntheticCluster {
  public static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");
  /** Pods per Deployment, and one StatefulSet (of 3 pods, one volume each) per this many Deployments. */
  static final int REPLICAS = 10;
  static final int DEPLOYMENTS_PER_STATEFULSET = 20;
  static final int PODS_PER_WORKER = 30;

  private final int pods;
  private final int replicas;
  private final int podsPerWorker;

  private SyntheticCluster(int pods, int replicas, int podsPerWorker) {
    this.pods = pods;
    this.replicas = replicas;
    this.podsPerWorker = podsPerWorker;
  }

  /** A cluster of about {@code pods} pods (the workload pods; the control plane adds six). */
  public static SyntheticCluster withPods(int pods) {
    return new SyntheticCluster(pods, REPLICAS, PODS_PER_WORKER);
  }

  /** The same cluster with {@code perDeployment} pods per Deployment (so more Deployments for as many pods). */
  public SyntheticCluster withReplicas(int perDeployment) {
    return new SyntheticCluster(pods, perDeployment, podsPerWorker);
  }

  /** The same cluster on {@code workers} worker nodes (pods spread over them in turn). */
  public SyntheticCluster withWorkers(int workers) {
    return new SyntheticCluster(pods, replicas, Math.max(1, pods / workers));
  }

  /** Hands every object to {@code sink}, in a stable order. */
  public void forEach(Consumer<HasMetadata> sink) {
    int workers = Math.max(3, pods / podsPerWorker);
    List<String> controlPlane = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Node node = TestObjects.controlPlaneNode("cp-" + i, ZONES.get(i));
      controlPlane.add(node.getMetadata().getName());
      sink.accept(withAddress(node, "10.0." + i + ".10"));
      sink.accept(TestObjects.etcdPod(node.getMetadata().getName()));
      sink.accept(TestObjects.apiServerPod(node.getMetadata().getName(), "10.0." + i + ".10"));
    }
    for (int w = 0; w < workers; w++) {
      sink.accept(withAddress(TestObjects.node(worker(w), ZONES.get(w % 3)), "10.1." + (w / 250) + "." + (w % 250)));
    }
    sink.accept(TestObjects.clusterInfo("https://10.0.0.10:6443"));
    int made = 0;
    for (int d = 0; made < pods; d++) {
      String namespace = "team-" + (d % 50);
      if (d % DEPLOYMENTS_PER_STATEFULSET == DEPLOYMENTS_PER_STATEFULSET - 1) {
        made += statefulSet(namespace, "db-" + d, made, sink);
        continue;
      }
      String image = d % 10 == 0 ? "registry.example.com/app-" + d + ":latest"
          : "registry.example.com/app-" + d + ":1." + (d % 7) + ".0";
      Deployment deployment = TestObjects.deployment(namespace, "app-" + d, replicas, image);
      ReplicaSet replicaSet = TestObjects.replicaSetOf(deployment);
      sink.accept(deployment);
      sink.accept(replicaSet);
      sink.accept(new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName("app-" + d).endMetadata()
          .withNewSpec().addToSelector("app", "app-" + d).addNewPort().withPort(80).endPort().endSpec().build());
      for (int r = 0; r < replicas && made < pods; r++, made++) {
        sink.accept(running(TestObjects.podOf(replicaSet, r, worker((made) % workers)), made));
      }
    }
  }

  /** The generated objects, built into a snapshot. */
  public ClusterSnapshot snapshot() {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    forEach(builder::add);
    return builder.build();
  }

  /** Writes the cluster as {@code kubectl get ... -o json} prints a List (compact), object by object. */
  public void writeJsonList(Path file) {
    writeJsonList(this::forEach, file);
  }

  /** Writes the objects {@code source} hands out as a {@code kubectl get -o json} List. */
  public static void writeJsonList(Consumer<Consumer<HasMetadata>> source, Path file) {
    writeList(new ObjectMapper(), source, file);
  }

  /** Writes the cluster as {@code kubectl get ... -o yaml} prints a List (block style), object by object. */
  public void writeYamlList(Path file) {
    writeList(new ObjectMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build()), this::forEach, file);
  }

  private static void writeList(ObjectMapper mapper, Consumer<Consumer<HasMetadata>> source, Path file) {
    new KubernetesSerialization(mapper, false);
    try (JsonGenerator out = mapper.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      out.writeStartObject();
      out.writeStringField("apiVersion", "v1");
      out.writeArrayFieldStart("items");
      source.accept(o -> {
        try {
          mapper.writeValue(out, o);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      out.writeEndArray();
      out.writeStringField("kind", "List");
      out.writeObjectFieldStart("metadata");
      out.writeStringField("resourceVersion", "");
      out.writeEndObject();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String worker(int w) {
    return "worker-" + w;
  }

  private static Node withAddress(Node node, String ip) {
    return new NodeBuilder(node).withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
        .endStatus().build();
  }

  /** A pod as a kubelet reports it: its IPs and the image digest it runs. */
  private static Pod running(Pod pod, int index) {
    String image = pod.getSpec().getContainers().get(0).getImage();
    String repository = image.substring(0, image.lastIndexOf(':'));
    return new PodBuilder(pod)
        .editStatus().withPodIP("10.2." + (index / 250 % 250) + "." + (index % 250)).withHostIP("10.1.0.1")
        .withContainerStatuses(new ContainerStatusBuilder().withName("app").withImage(image)
            .withImageID(repository + "@sha256:" + "%064x".formatted(image.hashCode() & 0xffffffffL))
            .withReady(true).withRestartCount(0).build())
        .endStatus()
        .build();
  }

  /** A StatefulSet of three pods, each with a claim bound to an EBS volume in its node's zone. */
  private int statefulSet(String namespace, String name, int made, Consumer<HasMetadata> sink) {
    StatefulSet set = new StatefulSetBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(TestObjects.uid()).endMetadata()
        .withNewSpec().withReplicas(3).withServiceName(name)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("postgres:16.4").endContainer().endSpec()
        .endTemplate().endSpec().build();
    sink.accept(set);
    int workers = Math.max(3, pods / podsPerWorker);
    for (int i = 0; i < 3; i++) {
      int w = (made + i) % workers;
      String claim = "data-" + name + "-" + i;
      String volume = "pv-" + namespace + "-" + claim;
      sink.accept(zonalVolume(volume, ZONES.get(w % 3), namespace, claim));
      sink.accept(new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(namespace).withName(claim)
          .endMetadata().withNewSpec().withVolumeName(volume).withStorageClassName("gp3")
          .withAccessModes("ReadWriteOnce").endSpec().withNewStatus().withPhase("Bound").endStatus().build());
      Pod pod = new PodBuilder(TestObjects.pod(namespace, name + "-" + i, worker(w), "postgres:16.4"))
          .editMetadata().withLabels(Map.of("app", name)).withOwnerReferences(TestObjects.controllerRef(set))
          .endMetadata()
          .editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
          .endPersistentVolumeClaim().endVolume().endSpec()
          .build();
      sink.accept(running(pod, made + i));
    }
    return 3;
  }

  private static PersistentVolume zonalVolume(String name, String zone, String namespace, String claim) {
    PersistentVolume pv = new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withStorageClassName("gp3").addToCapacity("storage", new Quantity("10Gi"))
        .withNewCsi().withDriver("ebs.csi.aws.com").withVolumeHandle("vol-" + Integer.toHexString(name.hashCode()))
        .endCsi()
        .withNewClaimRef().withNamespace(namespace).withName(claim).endClaimRef()
        .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
        .withKey("topology.ebs.csi.aws.com/zone").withOperator("In").withValues(zone)
        .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity()
        .endSpec().withNewStatus().withPhase("Bound").endStatus().build();
    return pv;
  }
}
