package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The fields a snapshot keeps of each object: those the rules, the snapshot and the remediation
 * planner read, nothing else; the read-set's last column ({@link ReadSet#kept}). The operator's
 * informer caches, the file reader and the live reader all keep this form, so that a 100k-pod
 * cluster costs about 1.5 KB per pod instead of the ~5 KB of a whole fabric8 Pod. Pods and their
 * owners are rebuilt from those fields (fabric8's builders leave untouched lists and
 * {@code additionalProperties} null, where a bound object carries an empty list or map for each),
 * with repeated strings interned. The other kinds are few per cluster: a copy of each keeps
 * everything but {@code managedFields} and kubectl's last-applied copy. The object given is never
 * changed: an informer hands it to JOSDK's event handler too, which reads its metadata.
 *
 * <p>Read by: {@code dev.haguard.analysis} (rules, views and the what-if simulator), {@code ClusterSnapshot} and
 * {@code WorkloadIndex}, {@code RemediationPlanner} and {@code DigestChooser}; the CLI's outputs read
 * only the analysis result. A field one of them starts reading must be kept here:
 * {@code CachedFormAnalysisTest} runs every rule on both forms. Remediation steps never read a
 * snapshot's objects: they get the object fresh from the API server.
 */
public final class KeptFields {
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final KubernetesSerialization COPIES = new KubernetesSerialization();

  private KeptFields() {}

  /** The kept form of {@code kind}: a new object built from its argument, or a trimmed copy of it. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata> UnaryOperator<R> of(Class<R> kind) {
    Function<HasMetadata, HasMetadata> form;
    if (kind == Pod.class) {
      form = o -> pod((Pod) o);
    } else if (kind == Deployment.class) {
      form = o -> deployment((Deployment) o);
    } else if (kind == ReplicaSet.class) {
      form = o -> replicaSet((ReplicaSet) o);
    } else if (kind == StatefulSet.class) {
      form = o -> statefulSet((StatefulSet) o);
    } else if (kind == DaemonSet.class) {
      form = o -> daemonSet((DaemonSet) o);
    } else if (kind == Job.class) {
      form = o -> job((Job) o);
    } else if (kind == CronJob.class) {
      form = o -> cronJob((CronJob) o);
    } else if (kind == Node.class) {
      form = o -> node((Node) copy(o));
    } else {
      form = o -> withoutBookkeeping(copy(o));
    }
    // An owner without a spec (never sent by an API server) is kept whole rather than guessed at.
    return o -> (R) CompactModel.apply(
        o instanceof Pod || o instanceof Node || hasSpec(o) ? form.apply(o) : withoutBookkeeping(copy(o)));
  }

  private static boolean hasSpec(HasMetadata o) {
    return !(o instanceof Deployment d && d.getSpec() == null || o instanceof ReplicaSet r && r.getSpec() == null
        || o instanceof StatefulSet s && s.getSpec() == null || o instanceof DaemonSet ds && ds.getSpec() == null
        || o instanceof Job j && j.getSpec() == null || o instanceof CronJob c && c.getSpec() == null);
  }

  private static Pod pod(Pod p) {
    return new PodBuilder().withApiVersion(intern(p.getApiVersion())).withKind(intern(p.getKind()))
        .withMetadata(meta(p.getMetadata())).withSpec(podSpec(p.getSpec())).withStatus(podStatus(p.getStatus()))
        .build();
  }

  private static Deployment deployment(Deployment d) {
    return new DeploymentBuilder().withApiVersion(intern(d.getApiVersion())).withKind(intern(d.getKind()))
        .withMetadata(meta(d.getMetadata()))
        .withNewSpec().withReplicas(d.getSpec().getReplicas()).withSelector(d.getSpec().getSelector())
        .withTemplate(template(d.getSpec().getTemplate())).endSpec().build();
  }

  private static ReplicaSet replicaSet(ReplicaSet r) {
    return new ReplicaSetBuilder().withApiVersion(intern(r.getApiVersion())).withKind(intern(r.getKind()))
        .withMetadata(meta(r.getMetadata()))
        .withNewSpec().withReplicas(r.getSpec().getReplicas()).withSelector(r.getSpec().getSelector())
        .withTemplate(template(r.getSpec().getTemplate())).endSpec().build();
  }

  private static StatefulSet statefulSet(StatefulSet s) {
    return new StatefulSetBuilder().withApiVersion(intern(s.getApiVersion())).withKind(intern(s.getKind()))
        .withMetadata(meta(s.getMetadata()))
        .withNewSpec().withReplicas(s.getSpec().getReplicas()).withSelector(s.getSpec().getSelector())
        .withServiceName(s.getSpec().getServiceName()).withTemplate(template(s.getSpec().getTemplate()))
        .endSpec().build();
  }

  private static DaemonSet daemonSet(DaemonSet d) {
    return new DaemonSetBuilder().withApiVersion(intern(d.getApiVersion())).withKind(intern(d.getKind()))
        .withMetadata(meta(d.getMetadata()))
        .withNewSpec().withSelector(d.getSpec().getSelector()).withTemplate(template(d.getSpec().getTemplate()))
        .endSpec().build();
  }

  private static Job job(Job j) {
    return new JobBuilder().withApiVersion(intern(j.getApiVersion())).withKind(intern(j.getKind()))
        .withMetadata(meta(j.getMetadata()))
        .withNewSpec().withTemplate(template(j.getSpec().getTemplate())).endSpec().build();
  }

  private static CronJob cronJob(CronJob c) {
    PodTemplateSpec template = c.getSpec().getJobTemplate() == null || c.getSpec().getJobTemplate().getSpec() == null
        ? null : c.getSpec().getJobTemplate().getSpec().getTemplate();
    return new CronJobBuilder().withApiVersion(intern(c.getApiVersion())).withKind(intern(c.getKind()))
        .withMetadata(meta(c.getMetadata()))
        .withNewSpec().withSchedule(c.getSpec().getSchedule())
        .withNewJobTemplate().withNewSpec().withTemplate(template(template)).endSpec().endJobTemplate()
        .endSpec().build();
  }

  /** Nodes keep their status but the list of images they pulled, which no rule reads and which is long. */
  private static Node node(Node n) {
    withoutBookkeeping(n);
    if (n.getStatus() != null) {
      n.getStatus().setImages(null);
    }
    return n;
  }

  /**
   * A deep copy: an informer hands the decoded object itself to JOSDK's event handler, which reads
   * its metadata (an annotations map, never null), so only copies are trimmed.
   */
  private static HasMetadata copy(HasMetadata o) {
    return COPIES.clone(o);
  }

  /** Trims {@code o}, a copy, in place. */
  private static HasMetadata withoutBookkeeping(HasMetadata o) {
    o.getMetadata().setManagedFields(null);
    if (o.getMetadata().getAnnotations() != null) {
      o.getMetadata().getAnnotations().remove(LAST_APPLIED);
    }
    return o;
  }

  private static ObjectMeta meta(ObjectMeta m) {
    return new ObjectMetaBuilder().withName(m.getName()).withNamespace(intern(m.getNamespace()))
        .withUid(m.getUid()).withResourceVersion(m.getResourceVersion()).withGeneration(m.getGeneration())
        .withDeletionTimestamp(m.getDeletionTimestamp())
        .withLabels(interned(m.getLabels(), true)).withAnnotations(interned(m.getAnnotations(), false))
        .withOwnerReferences(listOf(m.getOwnerReferences(), KeptFields::owner)).build();
  }

  private static OwnerReference owner(OwnerReference o) {
    return new OwnerReferenceBuilder().withApiVersion(intern(o.getApiVersion())).withKind(intern(o.getKind()))
        .withName(intern(o.getName())).withUid(intern(o.getUid())).withController(o.getController()).build();
  }

  private static PodTemplateSpec template(PodTemplateSpec t) {
    if (t == null) {
      return null;
    }
    ObjectMeta m = t.getMetadata();
    return new PodTemplateSpecBuilder()
        .withMetadata(m == null ? null : new ObjectMetaBuilder().withLabels(interned(m.getLabels(), true))
            .withAnnotations(interned(m.getAnnotations(), false)).build())
        .withSpec(podSpec(t.getSpec())).build();
  }

  private static PodSpec podSpec(PodSpec s) {
    if (s == null) {
      return null;
    }
    return new PodSpecBuilder().withNodeName(intern(s.getNodeName())).withNodeSelector(interned(s.getNodeSelector(), true))
        // Node affinity and required pod anti-affinity, tolerations and spread: the spread rules and
        // the what-if simulator read them.
        .withAffinity(s.getAffinity() == null
            || s.getAffinity().getNodeAffinity() == null && s.getAffinity().getPodAntiAffinity() == null ? null
            : new AffinityBuilder().withNodeAffinity(s.getAffinity().getNodeAffinity())
                .withPodAntiAffinity(s.getAffinity().getPodAntiAffinity()).build())
        .withTolerations(listOf(s.getTolerations(), Function.identity()))
        .withTopologySpreadConstraints(listOf(s.getTopologySpreadConstraints(), Function.identity()))
        .withRestartPolicy(intern(s.getRestartPolicy())).withHostNetwork(s.getHostNetwork())
        .withServiceAccountName(intern(s.getServiceAccountName()))
        .withImagePullSecrets(listOf(s.getImagePullSecrets(), Function.identity()))
        .withContainers(s.getContainers() == null ? List.of() : mapped(s.getContainers(), KeptFields::container))
        .withInitContainers(listOf(s.getInitContainers(), KeptFields::container))
        .withEphemeralContainers(listOf(s.getEphemeralContainers(), KeptFields::ephemeral))
        .withVolumes(claimVolumes(s.getVolumes()))
        .withOverhead(s.getOverhead() == null || s.getOverhead().isEmpty() ? null : s.getOverhead())
        .build();
  }

  /**
   * Name, image, command and args (the etcd rules read etcd's flags from them), and the requests
   * (the what-if simulator weighs them against what the nodes left have free).
   */
  private static Container container(Container c) {
    Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null
        || c.getResources().getRequests().isEmpty() ? null : c.getResources().getRequests();
    return new ContainerBuilder().withName(intern(c.getName())).withImage(intern(c.getImage()))
        .withCommand(listOf(c.getCommand(), Function.identity())).withArgs(listOf(c.getArgs(), Function.identity()))
        .withResources(requests == null ? null : new ResourceRequirementsBuilder().withRequests(requests).build())
        .build();
  }

  private static EphemeralContainer ephemeral(EphemeralContainer c) {
    return new EphemeralContainerBuilder().withName(intern(c.getName())).withImage(intern(c.getImage())).build();
  }

  /** Only the volumes that name a claim: the pods-by-claim index and the volume rules read no other. */
  private static List<Volume> claimVolumes(List<Volume> volumes) {
    return volumes == null ? null : listOf(volumes.stream().filter(v -> v != null && v.getPersistentVolumeClaim() != null).toList(),
        v -> new VolumeBuilder().withName(v.getName()).withPersistentVolumeClaim(v.getPersistentVolumeClaim()).build());
  }

  private static PodStatus podStatus(PodStatus s) {
    if (s == null) {
      return null;
    }
    // podIPs[0] is podIP; the others (dual-stack) are addresses the apiserver view compares endpoints with.
    return new PodStatusBuilder().withPhase(intern(s.getPhase())).withPodIP(s.getPodIP()).withHostIP(intern(s.getHostIP()))
        .withPodIPs(s.getPodIPs() == null || s.getPodIPs().size() < 2 ? null : s.getPodIPs())
        .withConditions(listOf(s.getConditions(), KeptFields::condition))
        .withContainerStatuses(listOf(s.getContainerStatuses(), KeptFields::containerStatus))
        .withInitContainerStatuses(listOf(s.getInitContainerStatuses(), KeptFields::containerStatus))
        .withEphemeralContainerStatuses(listOf(s.getEphemeralContainerStatuses(), KeptFields::containerStatus))
        .build();
  }

  private static PodCondition condition(PodCondition c) {
    return new PodConditionBuilder().withType(intern(c.getType())).withStatus(intern(c.getStatus())).build();
  }

  private static ContainerStatus containerStatus(ContainerStatus s) {
    return new ContainerStatusBuilder().withName(intern(s.getName())).withImage(intern(s.getImage()))
        .withImageID(intern(s.getImageID())).withReady(s.getReady()).build();
  }

  /** Null for an empty or missing list (fabric8 binds every absent list as a new empty one). */
  private static <T> List<T> listOf(List<T> items, Function<T, T> form) {
    return items == null || items.isEmpty() ? null : mapped(items, form);
  }

  /** Each item in its kept form; a null item (a file may hold {@code [null]}) stays null, as the rules see it whole. */
  private static <T> List<T> mapped(List<T> items, Function<T, T> form) {
    return items.stream().map(item -> item == null ? null : form.apply(item)).toList();
  }

  /** Null for an empty map; keys always interned, values when they repeat across objects (labels). */
  private static Map<String, String> interned(Map<String, String> map, boolean values) {
    if (map == null || map.isEmpty()) {
      return null;
    }
    Map<String, String> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
    map.forEach((k, v) -> {
      if (!LAST_APPLIED.equals(k)) {
        copy.put(intern(k), values ? intern(v) : v);
      }
    });
    return copy.isEmpty() ? null : copy;
  }

  private static String intern(String s) {
    return s == null ? null : s.intern();
  }
}
