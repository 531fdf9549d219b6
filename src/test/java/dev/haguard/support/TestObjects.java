package dev.haguard.support;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.UUID;

/**
 * Builders for test objects that are valid by default (name, namespace, uid, a Ready running
 * pod) and changed one field at a time with fabric8's {@code edit()} builders.
 */
public final class TestObjects {
  public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

  private TestObjects() {}

  public static Node node(String name, String zone) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).withUid(uid()).endMetadata()
        .withNewSpec().endSpec();
    if (zone != null) {
      b.editMetadata().addToLabels(ZONE_LABEL, zone).endMetadata();
    }
    return b.build();
  }

  public static Node controlPlaneNode(String name, String zone) {
    return new NodeBuilder(node(name, zone))
        .editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata()
        .editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule")
        .endTaint().endSpec()
        .build();
  }

  /** A Running, Ready pod with one container {@code app} running {@code image} on {@code nodeName}. */
  public static Pod pod(String namespace, String name, String nodeName, String image) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(uid()).addToLabels("app", name)
        .endMetadata()
        .withNewSpec().withNodeName(nodeName).withRestartPolicy("Always")
        .addNewContainer().withName("app").withImage(image).endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }

  public static Pod notReady(Pod pod) {
    return new PodBuilder(pod).editStatus().withConditions().addNewCondition().withType("Ready")
        .withStatus("False").endCondition().endStatus().build();
  }

  /** An etcd member pod in kube-system, as kubeadm's static pods look (a mirror pod owned by its Node). */
  public static Pod etcdPod(String nodeName) {
    return staticControlPlanePod("etcd", nodeName, "registry.k8s.io/etcd:3.5.15-0");
  }

  public static Pod apiServerPod(String nodeName, String ip) {
    Pod pod = staticControlPlanePod("kube-apiserver", nodeName, "registry.k8s.io/kube-apiserver:v1.31.0");
    return new PodBuilder(pod).editStatus().withPodIP(ip).withHostIP(ip).endStatus().build();
  }

  private static Pod staticControlPlanePod(String component, String nodeName, String image) {
    return new PodBuilder(pod("kube-system", component + "-" + nodeName, nodeName, image))
        .editMetadata().withLabels(java.util.Map.of("component", component, "tier", "control-plane"))
        .addToAnnotations("kubernetes.io/config.mirror", "mirror")
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node").withName(nodeName)
            .withUid(uid()).withController(true).build())
        .endMetadata()
        .editSpec().withHostNetwork(true).endSpec()
        .build();
  }

  public static Deployment deployment(String namespace, String name, int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(uid()).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The ReplicaSet a Deployment controller would create for {@code deployment}. */
  public static ReplicaSet replicaSetOf(Deployment deployment) {
    return new ReplicaSetBuilder()
        .withNewMetadata().withNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName() + "-5d4f8c7b9").withUid(uid())
        .withOwnerReferences(controllerRef(deployment))
        .endMetadata()
        .withNewSpec().withReplicas(deployment.getSpec().getReplicas())
        .withSelector(deployment.getSpec().getSelector())
        .withTemplate(deployment.getSpec().getTemplate())
        .endSpec()
        .build();
  }

  /** A pod of {@code replicaSet} on {@code nodeName}, Ready and running the template's first image. */
  public static Pod podOf(ReplicaSet replicaSet, int index, String nodeName) {
    return podOf(replicaSet, replicaSet.getSpec().getTemplate(), index, nodeName);
  }

  public static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true)
        .build();
  }

  /** ConfigMap kube-public/cluster-info whose kubeconfig points clients at {@code server}. */
  public static ConfigMap clusterInfo(String server) {
    String kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- name: \"\"\n  cluster:\n"
        + "    certificate-authority-data: AAAA\n    server: " + server + "\n";
    return new ConfigMapBuilder().withNewMetadata().withNamespace("kube-public").withName("cluster-info")
        .endMetadata().addToData("kubeconfig", kubeconfig).build();
  }

  public static String uid() {
    return UUID.randomUUID().toString();
  }

  /** A node that carries only the legacy zone label failure-domain.beta.kubernetes.io/zone. */
  public static Node legacyZoneNode(String name, String zone) {
    return new NodeBuilder(node(name, null))
        .editMetadata().addToLabels("failure-domain.beta.kubernetes.io/zone", zone).endMetadata()
        .build();
  }

  /** A StatefulSet with the same selector and pod template as {@link #deployment}. */
  public static StatefulSet statefulSet(String namespace, String name, int replicas, String image) {
    Deployment shape = deployment(namespace, name, replicas, image);
    return new StatefulSetBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(uid()).endMetadata()
        .withNewSpec().withReplicas(replicas).withServiceName(name)
        .withSelector(shape.getSpec().getSelector()).withTemplate(shape.getSpec().getTemplate())
        .endSpec()
        .build();
  }

  // Workloads, images and volumes.

  public static CronJob cronJob(String namespace, String name, String image) {
    return new CronJobBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(uid()).endMetadata()
        .withNewSpec().withSchedule("*/5 * * * *")
        .withNewJobTemplate().withNewSpec().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().withRestartPolicy("OnFailure")
        .addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .endTemplate().endSpec().endJobTemplate()
        .endSpec()
        .build();
  }

  /** Pod {@code <name>-<index>} of {@code statefulSet} on {@code nodeName}, Ready. */
  public static Pod podOf(StatefulSet statefulSet, int index, String nodeName) {
    return podOf(statefulSet, statefulSet.getSpec().getTemplate(), index, nodeName);
  }

  /** Pod {@code <owner>-<index>} stamped from {@code template}, controlled by {@code owner}, on {@code nodeName}. */
  public static Pod podOf(HasMetadata owner, PodTemplateSpec template, int index, String nodeName) {
    String image = template.getSpec().getContainers().get(0).getImage();
    return new PodBuilder(pod(owner.getMetadata().getNamespace(), owner.getMetadata().getName() + "-" + index,
        nodeName, image))
        .editMetadata().withLabels(template.getMetadata().getLabels())
        .withOwnerReferences(controllerRef(owner)).endMetadata()
        .build();
  }

  /** Endpoints default/kubernetes listing the apiservers' advertised addresses. */
  public static Endpoints kubernetesEndpoints(String... ips) {
    return new EndpointsBuilder().withNewMetadata().withNamespace("default").withName("kubernetes").endMetadata()
        .addNewSubset()
        .withAddresses(java.util.Arrays.stream(ips).map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList())
        .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort()
        .endSubset()
        .build();
  }

  /** The Job a CronJob controller would create for {@code cronJob}. */
  public static Job jobOf(CronJob cronJob) {
    return new JobBuilder()
        .withNewMetadata().withNamespace(cronJob.getMetadata().getNamespace())
        .withName(cronJob.getMetadata().getName() + "-29000000").withUid(uid())
        .withOwnerReferences(controllerRef(cronJob))
        .endMetadata()
        .withSpec(cronJob.getSpec().getJobTemplate().getSpec())
        .build();
  }

  /** A running pod of {@code job} on {@code nodeName}. */
  public static Pod podOf(Job job, String nodeName) {
    PodSpec template = job.getSpec().getTemplate().getSpec();
    return new PodBuilder(pod(job.getMetadata().getNamespace(), job.getMetadata().getName() + "-x7k2p", nodeName,
        template.getContainers().get(0).getImage()))
        .editMetadata().withOwnerReferences(controllerRef(job)).endMetadata()
        .editSpec().withRestartPolicy(template.getRestartPolicy()).endSpec()
        .build();
  }

  /** {@code pod} with its phase set, e.g. Succeeded or Failed for a finished pod. */
  public static Pod withPhase(Pod pod, String phase) {
    return new PodBuilder(pod).editStatus().withPhase(phase).endStatus().build();
  }

  /** {@code pod} with container {@code app} reported running {@code digest}, as the kubelet writes imageID. */
  public static Pod runningDigest(Pod pod, String digest) {
    String image = pod.getSpec().getContainers().get(0).getImage();
    return new PodBuilder(pod).editStatus().withContainerStatuses(new ContainerStatusBuilder()
            .withName("app").withImage(image).withImageID("docker-pullable://" + image + "@" + digest)
            .withReady(true).build())
        .endStatus().build();
  }

  /** {@code sha256:} and 64 hex digits made of {@code c} repeated. */
  public static String digest(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  /** A CSI volume (EBS) that attaches only in {@code zone}, said by its node affinity. */
  public static PersistentVolume zonalVolume(String name, String zone) {
    return new PersistentVolumeBuilder()
        .withNewMetadata().withName(name).withUid(uid()).endMetadata()
        .withNewSpec().addToCapacity("storage", new Quantity("10Gi")).withAccessModes("ReadWriteOnce")
        .withNewCsi().withDriver("ebs.csi.aws.com").withVolumeHandle("vol-" + name).endCsi()
        .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
        .withKey("topology.ebs.csi.aws.com/zone").withOperator("In").withValues(zone)
        .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity()
        .endSpec()
        .build();
  }

  /** A claim in {@code namespace} bound to the volume {@code volumeName}. */
  public static PersistentVolumeClaim boundClaim(String namespace, String name, String volumeName) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(uid()).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName(volumeName)
        .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec()
        .withNewStatus().withPhase("Bound").endStatus()
        .build();
  }

  /** {@code pod} mounting the claim {@code claimName}. */
  public static Pod withClaim(Pod pod, String claimName) {
    return new PodBuilder(pod).editSpec().addNewVolume().withName(claimName)
        .withNewPersistentVolumeClaim().withClaimName(claimName).endPersistentVolumeClaim().endVolume()
        .endSpec().build();
  }

  /** A StorageClass of {@code provisioner}; {@code bindingMode} null leaves it unset (Immediate). */
  public static StorageClass storageClass(String name, String provisioner, String bindingMode) {
    return new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withProvisioner(provisioner).withVolumeBindingMode(bindingMode).build();
  }
}
