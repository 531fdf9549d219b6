package dev.haguard.remediation.handoff;

import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.ImagePin;
import dev.haguard.remediation.ReplacementOptions;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the Deployment that takes over from a bare pod. Pure: the pod is not changed.
 *
 * <p>The template is the pod's spec and labels minus what belongs to one pod: its node, its status,
 * the service-account token volume admission injected, ephemeral containers, and what admission
 * fills from a priority or runtime class. The selector matches only a label the bare pod does not
 * have, so the Deployment can never adopt or count the bare pod.
 */
public final class ReplacementDeployment {
  static final String SERVICE_ACCOUNT_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** The token volumes admission injects: projected {@code kube-api-access-xxxxx}, or legacy {@code <sa>-token-xxxxx}. */
  private static final Pattern TOKEN_VOLUME = Pattern.compile("kube-api-access-[a-z0-9]{5}|.+-token-[a-z0-9]{5}");
  /** Annotations that describe one pod or one apply, not the workload. */
  private static final Set<String> POD_ONLY_ANNOTATIONS = Set.of(
      "kubectl.kubernetes.io/last-applied-configuration", "kubernetes.io/config.seen",
      "kubernetes.io/config.source", "kubernetes.io/config.hash", "k8s.v1.cni.cncf.io/network-status");
  private static final Set<String> POD_ONLY_ANNOTATION_PREFIXES = Set.of("haguard.dev/", "cni.projectcalico.org/");
  private static final int MAX_LABEL_VALUE = 63;

  private ReplacementDeployment() {}

  public static Deployment from(Pod pod, String name) {
    return from(pod, name, ReplacementOptions.NONE);
  }

  /** The replacement for {@code pod}, named {@code name}, with its rewrite annotations (no hand-off phase yet). */
  public static Deployment from(Pod pod, String name, ReplacementOptions options) {
    String label = labelValue(name);
    PodTemplateSpec template = template(pod, label, options);
    for (Map.Entry<String, String> pin : options.digests().entrySet()) {
      template = ImagePin.apply(template, pin.getKey(), pin.getValue());
    }
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    DeploymentBuilder b = new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(pod.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(HandoffAnnotations.REWRITTEN_FROM, pod.getMetadata().getUid())
        .addToAnnotations(HandoffAnnotations.REWRITTEN_FROM_POD,
            pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector().addToMatchLabels(HandoffAnnotations.REPLACEMENT_LABEL, label).endSelector()
        .withTemplate(template)
        .endSpec();
    if (options.readWriteOnce()) {
      // A RollingUpdate would start the new pod before the old one lets go of the volume: deadlock.
      b.editSpec().withNewStrategy().withType("Recreate").endStrategy().endSpec();
    }
    return b.build();
  }

  private static PodTemplateSpec template(Pod pod, String label, ReplacementOptions options) {
    Pod copy = new PodBuilder(pod).build();
    PodSpec spec = copy.getSpec();
    spec.setNodeName(null);
    spec.setEphemeralContainers(null);
    // Admission fills these from the priority and runtime classes and refuses values it did not set.
    spec.setPriority(null);
    if (spec.getPriorityClassName() != null) {
      spec.setPreemptionPolicy(null);
    }
    spec.setOverhead(null);
    dropTokenVolumes(spec);
    if (options.readWriteOnce() && options.nodeHostname() != null) {
      // A ReadWriteOnce volume can be mounted by several pods, but only on one node: the bare pod's.
      requireNode(spec, options.nodeHostname());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (pod.getMetadata().getLabels() != null) {
      labels.putAll(pod.getMetadata().getLabels());
    }
    labels.put(HandoffAnnotations.REPLACEMENT_LABEL, label);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (pod.getMetadata().getAnnotations() != null) {
      pod.getMetadata().getAnnotations().forEach((k, v) -> {
        if (!POD_ONLY_ANNOTATIONS.contains(k) && POD_ONLY_ANNOTATION_PREFIXES.stream().noneMatch(k::startsWith)) {
          annotations.put(k, v);
        }
      });
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).withAnnotations(annotations.isEmpty() ? null : annotations)
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  private static void dropTokenVolumes(PodSpec spec) {
    if (spec.getVolumes() == null) {
      return;
    }
    List<String> dropped = new ArrayList<>();
    List<Volume> kept = new ArrayList<>();
    for (Volume v : spec.getVolumes()) {
      if (isInjectedToken(spec, v)) {
        dropped.add(v.getName());
      } else {
        kept.add(v);
      }
    }
    spec.setVolumes(kept.isEmpty() ? null : kept);
    ImagePin.containers(spec).forEach(c -> dropMounts(c, dropped));
  }

  private static boolean isInjectedToken(PodSpec spec, Volume v) {
    if (!TOKEN_VOLUME.matcher(v.getName()).matches() || (v.getProjected() == null && v.getSecret() == null)) {
      return false;
    }
    return ImagePin.containers(spec)
        .flatMap(c -> c.getVolumeMounts() == null ? Stream.empty() : c.getVolumeMounts().stream())
        .anyMatch(m -> v.getName().equals(m.getName()) && SERVICE_ACCOUNT_MOUNT.equals(m.getMountPath()));
  }

  private static void dropMounts(Container c, List<String> volumes) {
    if (c.getVolumeMounts() != null) {
      c.setVolumeMounts(new ArrayList<>(c.getVolumeMounts().stream()
          .filter(m -> !volumes.contains(m.getName())).toList()));
    }
  }

  /** Adds "on node {@code hostname}" to every required node-selector term (terms are ORed, so each needs it). */
  private static void requireNode(PodSpec spec, String hostname) {
    NodeSelectorRequirement onNode = new NodeSelectorRequirementBuilder()
        .withKey(ReplacementOptions.HOSTNAME_LABEL).withOperator("In").withValues(hostname).build();
    Affinity affinity = Objects.requireNonNullElseGet(spec.getAffinity(), Affinity::new);
    NodeAffinity nodeAffinity = Objects.requireNonNullElseGet(affinity.getNodeAffinity(), NodeAffinity::new);
    NodeSelector required = Objects.requireNonNullElseGet(
        nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution(), NodeSelector::new);
    List<NodeSelectorTerm> terms = required.getNodeSelectorTerms() == null
        ? new ArrayList<>() : new ArrayList<>(required.getNodeSelectorTerms());
    if (terms.isEmpty()) {
      terms.add(new NodeSelectorTerm());
    }
    for (NodeSelectorTerm term : terms) {
      List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null
          ? new ArrayList<>() : new ArrayList<>(term.getMatchExpressions());
      if (!expressions.contains(onNode)) {
        expressions.add(onNode);
      }
      term.setMatchExpressions(expressions);
    }
    required.setNodeSelectorTerms(terms);
    nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(required);
    affinity.setNodeAffinity(nodeAffinity);
    spec.setAffinity(affinity);
  }

  /** The name the replacement of {@code pod} gets: its base name, or with {@code -haguard}, {@code -haguard-2}... when taken. */
  public static String nameFor(Pod pod, Set<String> taken) {
    String base = baseName(pod);
    if (!taken.contains(base)) {
      return base;
    }
    for (int i = 1; ; i++) {
      String candidate = base + (i == 1 ? "-haguard" : "-haguard-" + i);
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** The pod's name; for a pod named by {@code generateName}, that prefix without its random suffix. */
  static String baseName(Pod pod) {
    String name = pod.getMetadata().getName();
    String prefix = pod.getMetadata().getGenerateName();
    if (prefix != null && name.startsWith(prefix) && name.length() > prefix.length()) {
      String stripped = prefix.replaceAll("[-.]+$", "");
      if (!stripped.isEmpty()) {
        return stripped;
      }
    }
    return name;
  }

  /** {@code name} as a label value (at most 63 characters): long names are cut and made unique by a hash. */
  static String labelValue(String name) {
    if (name.length() <= MAX_LABEL_VALUE) {
      return name;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      String head = name.substring(0, MAX_LABEL_VALUE - 11).replaceAll("[-.]+$", "");
      return head + "-" + HexFormat.of().formatHex(hash).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
