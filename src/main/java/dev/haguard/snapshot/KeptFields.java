package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
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
 * owners are rebuilt from those fields, with repeated strings interned, and every empty list and map
 * nulled ({@link CompactModel}). The other kinds are few per cluster: a copy of each keeps
 * everything but {@code managedFields} and kubectl's last-applied copy. The metadata of the object
 * given is never changed (an informer hands it to JOSDK's event handler too, which reads it); values
 * the kept form shares with it (affinity terms, selectors, tolerations) may lose their empty lists.
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
  public static <R extends HasMetadata> UnaryOperator<R> of(Class<R> kind) {
    return of(kind, KeptFields::copy);
  }

  /**
   * The kept form of {@code kind} for a reader that owns what it decoded (a file, a LIST page): the
   * kinds kept whole but their bookkeeping are trimmed in place, with no copy.
   */
  public static <R extends HasMetadata> UnaryOperator<R> ofOwned(Class<R> kind) {
    return of(kind, UnaryOperator.identity());
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> UnaryOperator<R> of(Class<R> kind, UnaryOperator<HasMetadata> copy) {
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
      form = o -> node((Node) copy.apply(o));
    } else {
      form = o -> withoutBookkeeping(copy.apply(o));
    }
    // An owner without a spec (never sent by an API server) is kept whole rather than guessed at.
    return o -> (R) CompactModel.apply(
        o instanceof Pod || o instanceof Node || hasSpec(o) ? form.apply(o) : withoutBookkeeping(copy.apply(o)));
  }

  private static boolean hasSpec(HasMetadata o) {
    return !(o instanceof Deployment d && d.getSpec() == null || o instanceof ReplicaSet r && r.getSpec() == null
        || o instanceof StatefulSet s && s.getSpec() == null || o instanceof DaemonSet ds && ds.getSpec() == null
        || o instanceof Job j && j.getSpec() == null || o instanceof CronJob c && c.getSpec() == null);
  }

  private static Pod pod(Pod p) {
    Pod kept = new Pod();
    kept.setApiVersion(intern(p.getApiVersion()));
    kept.setKind(intern(p.getKind()));
    kept.setMetadata(meta(p.getMetadata()));
    kept.setSpec(podSpec(p.getSpec()));
    kept.setStatus(podStatus(p.getStatus()));
    return kept;
  }

  /** The new object of an owner kind (its constructor sets the kind), with the apiVersion and kept metadata. */
  private static <T extends HasMetadata> T owner(HasMetadata o, T kept) {
    kept.setApiVersion(intern(o.getApiVersion()));
    kept.setMetadata(meta(o.getMetadata()));
    return kept;
  }

  private static Deployment deployment(Deployment d) {
    DeploymentSpec spec = new DeploymentSpec();
    spec.setReplicas(d.getSpec().getReplicas());
    spec.setSelector(d.getSpec().getSelector());
    spec.setTemplate(template(d.getSpec().getTemplate()));
    Deployment kept = owner(d, new Deployment());
    kept.setKind(intern(d.getKind()));
    kept.setSpec(spec);
    return kept;
  }

  private static ReplicaSet replicaSet(ReplicaSet r) {
    ReplicaSetSpec spec = new ReplicaSetSpec();
    spec.setReplicas(r.getSpec().getReplicas());
    spec.setSelector(r.getSpec().getSelector());
    spec.setTemplate(template(r.getSpec().getTemplate()));
    ReplicaSet kept = owner(r, new ReplicaSet());
    kept.setKind(intern(r.getKind()));
    kept.setSpec(spec);
    return kept;
  }

  private static StatefulSet statefulSet(StatefulSet s) {
    StatefulSetSpec spec = new StatefulSetSpec();
    spec.setReplicas(s.getSpec().getReplicas());
    spec.setSelector(s.getSpec().getSelector());
    spec.setServiceName(s.getSpec().getServiceName());
    spec.setTemplate(template(s.getSpec().getTemplate()));
    StatefulSet kept = owner(s, new StatefulSet());
    kept.setKind(intern(s.getKind()));
    kept.setSpec(spec);
    return kept;
  }

  private static DaemonSet daemonSet(DaemonSet d) {
    DaemonSetSpec spec = new DaemonSetSpec();
    spec.setSelector(d.getSpec().getSelector());
    spec.setTemplate(template(d.getSpec().getTemplate()));
    DaemonSet kept = owner(d, new DaemonSet());
    kept.setKind(intern(d.getKind()));
    kept.setSpec(spec);
    return kept;
  }

  private static Job job(Job j) {
    JobSpec spec = new JobSpec();
    spec.setTemplate(template(j.getSpec().getTemplate()));
    Job kept = owner(j, new Job());
    kept.setKind(intern(j.getKind()));
    kept.setSpec(spec);
    return kept;
  }

  private static CronJob cronJob(CronJob c) {
    PodTemplateSpec template = c.getSpec().getJobTemplate() == null || c.getSpec().getJobTemplate().getSpec() == null
        ? null : c.getSpec().getJobTemplate().getSpec().getTemplate();
    JobSpec jobSpec = new JobSpec();
    jobSpec.setTemplate(template(template));
    JobTemplateSpec jobTemplate = new JobTemplateSpec();
    jobTemplate.setSpec(jobSpec);
    CronJobSpec spec = new CronJobSpec();
    spec.setSchedule(c.getSpec().getSchedule());
    spec.setJobTemplate(jobTemplate);
    CronJob kept = owner(c, new CronJob());
    kept.setKind(intern(c.getKind()));
    kept.setSpec(spec);
    return kept;
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
    ObjectMeta kept = new ObjectMeta();
    kept.setName(m.getName());
    kept.setNamespace(intern(m.getNamespace()));
    kept.setUid(m.getUid());
    kept.setResourceVersion(m.getResourceVersion());
    kept.setGeneration(m.getGeneration());
    kept.setDeletionTimestamp(m.getDeletionTimestamp());
    kept.setLabels(interned(m.getLabels(), true));
    kept.setAnnotations(interned(m.getAnnotations(), false));
    kept.setOwnerReferences(listOf(m.getOwnerReferences(), KeptFields::ownerReference));
    return kept;
  }

  private static OwnerReference ownerReference(OwnerReference o) {
    OwnerReference kept = new OwnerReference();
    kept.setApiVersion(intern(o.getApiVersion()));
    kept.setKind(intern(o.getKind()));
    kept.setName(intern(o.getName()));
    kept.setUid(intern(o.getUid()));
    kept.setController(o.getController());
    return kept;
  }

  private static PodTemplateSpec template(PodTemplateSpec t) {
    if (t == null) {
      return null;
    }
    PodTemplateSpec kept = new PodTemplateSpec();
    if (t.getMetadata() != null) {
      ObjectMeta meta = new ObjectMeta();
      meta.setLabels(interned(t.getMetadata().getLabels(), true));
      meta.setAnnotations(interned(t.getMetadata().getAnnotations(), false));
      kept.setMetadata(meta);
    }
    kept.setSpec(podSpec(t.getSpec()));
    return kept;
  }

  /**
   * Plain setters on new objects, not fabric8's builders: a builder copies each value it is given
   * (the builders took more CPU than the parse of a 100k-pod file). Values kept whole (affinity
   * terms, tolerations, selectors) are shared with the decoded object.
   */
  private static PodSpec podSpec(PodSpec s) {
    if (s == null) {
      return null;
    }
    PodSpec kept = new PodSpec();
    kept.setNodeName(intern(s.getNodeName()));
    kept.setNodeSelector(interned(s.getNodeSelector(), true));
    // Node affinity and required pod anti-affinity, tolerations and spread: the spread rules and
    // the what-if simulator read them.
    Affinity a = s.getAffinity();
    if (a != null && (a.getNodeAffinity() != null || a.getPodAntiAffinity() != null)) {
      Affinity affinity = new Affinity();
      affinity.setNodeAffinity(a.getNodeAffinity());
      affinity.setPodAntiAffinity(a.getPodAntiAffinity());
      kept.setAffinity(affinity);
    }
    kept.setTolerations(listOf(s.getTolerations(), Function.identity()));
    kept.setTopologySpreadConstraints(listOf(s.getTopologySpreadConstraints(), Function.identity()));
    kept.setRestartPolicy(intern(s.getRestartPolicy()));
    kept.setHostNetwork(s.getHostNetwork());
    kept.setServiceAccountName(intern(s.getServiceAccountName()));
    kept.setImagePullSecrets(listOf(s.getImagePullSecrets(), Function.identity()));
    kept.setContainers(s.getContainers() == null ? List.of() : mapped(s.getContainers(), KeptFields::container));
    kept.setInitContainers(listOf(s.getInitContainers(), KeptFields::container));
    kept.setEphemeralContainers(listOf(s.getEphemeralContainers(), KeptFields::ephemeral));
    kept.setVolumes(claimVolumes(s.getVolumes()));
    kept.setOverhead(s.getOverhead() == null || s.getOverhead().isEmpty() ? null : s.getOverhead());
    return kept;
  }

  /**
   * Name, image, command and args (the etcd rules read etcd's flags from them), and the requests
   * (the what-if simulator weighs them against what the nodes left have free).
   */
  private static Container container(Container c) {
    Container kept = new Container();
    kept.setName(intern(c.getName()));
    kept.setImage(intern(c.getImage()));
    kept.setCommand(listOf(c.getCommand(), Function.identity()));
    kept.setArgs(listOf(c.getArgs(), Function.identity()));
    if (c.getResources() != null && c.getResources().getRequests() != null && !c.getResources().getRequests().isEmpty()) {
      ResourceRequirements requests = new ResourceRequirements();
      requests.setRequests(c.getResources().getRequests());
      kept.setResources(requests);
    }
    return kept;
  }

  private static EphemeralContainer ephemeral(EphemeralContainer c) {
    EphemeralContainer kept = new EphemeralContainer();
    kept.setName(intern(c.getName()));
    kept.setImage(intern(c.getImage()));
    return kept;
  }

  /** Only the volumes that name a claim: the pods-by-claim index and the volume rules read no other. */
  private static List<Volume> claimVolumes(List<Volume> volumes) {
    return volumes == null ? null : listOf(volumes.stream().filter(v -> v != null && v.getPersistentVolumeClaim() != null).toList(),
        v -> {
          Volume kept = new Volume();
          kept.setName(v.getName());
          kept.setPersistentVolumeClaim(v.getPersistentVolumeClaim());
          return kept;
        });
  }

  private static PodStatus podStatus(PodStatus s) {
    if (s == null) {
      return null;
    }
    PodStatus kept = new PodStatus();
    kept.setPhase(intern(s.getPhase()));
    kept.setPodIP(s.getPodIP());
    kept.setHostIP(intern(s.getHostIP()));
    // podIPs[0] is podIP; the others (dual-stack) are addresses the apiserver view compares endpoints with.
    kept.setPodIPs(s.getPodIPs() == null || s.getPodIPs().size() < 2 ? null : s.getPodIPs());
    kept.setConditions(listOf(s.getConditions(), KeptFields::condition));
    kept.setContainerStatuses(listOf(s.getContainerStatuses(), KeptFields::containerStatus));
    kept.setInitContainerStatuses(listOf(s.getInitContainerStatuses(), KeptFields::containerStatus));
    kept.setEphemeralContainerStatuses(listOf(s.getEphemeralContainerStatuses(), KeptFields::containerStatus));
    return kept;
  }

  private static PodCondition condition(PodCondition c) {
    PodCondition kept = new PodCondition();
    kept.setType(intern(c.getType()));
    kept.setStatus(intern(c.getStatus()));
    return kept;
  }

  private static ContainerStatus containerStatus(ContainerStatus s) {
    ContainerStatus kept = new ContainerStatus();
    kept.setName(intern(s.getName()));
    kept.setImage(intern(s.getImage()));
    kept.setImageID(intern(s.getImageID()));
    kept.setReady(s.getReady());
    return kept;
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
