package dev.haguard.snapshot;

import com.fasterxml.jackson.core.JsonParser;
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
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The fields a snapshot keeps of each object: those the rules, the snapshot and the remediation
 * planner read, nothing else; the read-set's last column ({@link ReadSet#kept}). The operator's
 * informer caches, the file reader and the live reader all keep this form, so that a 100k-pod
 * cluster costs about 1.5 KB per pod instead of the ~5 KB of a whole fabric8 Pod. Pods and their
 * owners are declared as the shapes below ({@link KeptShape}): new objects of those fields only,
 * repeated strings interned, no empty list or map; a file is read straight into them. The other
 * kinds are few per cluster: a copy of each keeps
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

  private static final Set<String> DROPPED_KEYS = Set.of(LAST_APPLIED);
  private static final KeptShape.Value INTERNED = KeptShape.string(true);
  private static final KeptShape.Value STRING = KeptShape.string(false);
  /** Labels and selectors: keys and values repeat across objects. */
  private static final KeptShape.Value LABELS = KeptShape.strings(true, DROPPED_KEYS);
  /** Annotations: keys repeat, values mostly not. */
  private static final KeptShape.Value ANNOTATIONS = KeptShape.strings(false, DROPPED_KEYS);

  private static final KeptShape OWNER_REFERENCE = KeptShape.of(OwnerReference.class)
      .keep("apiVersion", INTERNED).keep("kind", INTERNED).keep("name", INTERNED).keep("uid", INTERNED)
      .whole("controller");
  private static final KeptShape META = KeptShape.of(ObjectMeta.class)
      .keep("name", STRING).keep("namespace", INTERNED).keep("uid", STRING).keep("resourceVersion", STRING)
      .whole("generation").keep("deletionTimestamp", STRING).keep("labels", LABELS).keep("annotations", ANNOTATIONS)
      .keep("ownerReferences", KeptShape.list(OWNER_REFERENCE.asValue()));
  /**
   * Name, image, command and args (the etcd rules read etcd's flags from them), and the requests
   * (the what-if simulator weighs them against what the nodes left have free).
   */
  private static final KeptShape CONTAINER = KeptShape.of(Container.class)
      .keep("name", INTERNED).keep("image", INTERNED)
      .keep("command", KeptShape.list(STRING)).keep("args", KeptShape.list(STRING))
      .keep("resources", KeptShape.of(ResourceRequirements.class).whole("requests").noneIsNull().asValue());
  private static final KeptShape EPHEMERAL_CONTAINER = KeptShape.of(EphemeralContainer.class)
      .keep("name", INTERNED).keep("image", INTERNED);
  /** Only the volumes that name a claim: the pods-by-claim index and the volume rules read no other. */
  private static final KeptShape.Value CLAIM_VOLUMES = KeptShape.list(
      KeptShape.of(Volume.class).keep("name", STRING).whole("persistentVolumeClaim").asValue(),
      v -> v != null && ((Volume) v).getPersistentVolumeClaim() != null, 1);
  private static final KeptShape POD_SPEC = KeptShape.of(PodSpec.class)
      .keep("nodeName", INTERNED).keep("nodeSelector", LABELS)
      // Node affinity and required pod anti-affinity, tolerations and spread: the spread rules and
      // the what-if simulator read them.
      .keep("affinity", KeptShape.of(Affinity.class).whole("nodeAffinity").whole("podAntiAffinity").noneIsNull().asValue())
      .keep("tolerations", KeptShape.listOfWhole()).keep("topologySpreadConstraints", KeptShape.listOfWhole())
      .keep("restartPolicy", INTERNED).whole("hostNetwork").keep("serviceAccountName", INTERNED)
      .keep("imagePullSecrets", KeptShape.listOfWhole())
      .keep("containers", KeptShape.list(CONTAINER.asValue())).keep("initContainers", KeptShape.list(CONTAINER.asValue()))
      .keep("ephemeralContainers", KeptShape.list(EPHEMERAL_CONTAINER.asValue()))
      .keep("volumes", CLAIM_VOLUMES).whole("overhead");
  private static final KeptShape CONTAINER_STATUS = KeptShape.of(ContainerStatus.class)
      .keep("name", INTERNED).keep("image", INTERNED).keep("imageID", INTERNED).whole("ready");
  private static final KeptShape POD_STATUS = KeptShape.of(PodStatus.class)
      .keep("phase", INTERNED).keep("podIP", STRING).keep("hostIP", INTERNED)
      // podIPs[0] is podIP; the others (dual-stack) are addresses the apiserver view compares endpoints with.
      .keep("podIPs", KeptShape.list(KeptShape.WHOLE, each -> true, 2))
      .keep("conditions", KeptShape.list(KeptShape.of(PodCondition.class).keep("type", INTERNED).keep("status", INTERNED).asValue()))
      .keep("containerStatuses", KeptShape.list(CONTAINER_STATUS.asValue()))
      .keep("initContainerStatuses", KeptShape.list(CONTAINER_STATUS.asValue()))
      .keep("ephemeralContainerStatuses", KeptShape.list(CONTAINER_STATUS.asValue()));
  private static final KeptShape POD = KeptShape.of(Pod.class)
      .keep("apiVersion", INTERNED).keep("kind", INTERNED).keep("metadata", META.asValue())
      .keep("spec", POD_SPEC.asValue()).keep("status", POD_STATUS.asValue());

  /** A pod template: the labels and annotations of its metadata, and the kept pod spec. */
  private static final KeptShape.Value TEMPLATE = KeptShape.of(PodTemplateSpec.class)
      .keep("metadata", KeptShape.of(ObjectMeta.class).keep("labels", LABELS).keep("annotations", ANNOTATIONS).asValue())
      .keep("spec", POD_SPEC.asValue()).asValue();

  /** The shapes of the kinds kept as a new object of their kept fields; the other kinds are kept whole but their bookkeeping. */
  private static final Map<Class<?>, KeptShape> SHAPES = Map.of(
      Pod.class, POD,
      Deployment.class, owner(Deployment.class, DeploymentStatus.class,
          KeptShape.of(DeploymentSpec.class).whole("replicas").whole("selector").keep("template", TEMPLATE)),
      ReplicaSet.class, owner(ReplicaSet.class, ReplicaSetStatus.class,
          KeptShape.of(ReplicaSetSpec.class).whole("replicas").whole("selector").keep("template", TEMPLATE)),
      StatefulSet.class, owner(StatefulSet.class, StatefulSetStatus.class,
          KeptShape.of(StatefulSetSpec.class).whole("replicas").whole("selector").keep("serviceName", STRING)
              .keep("template", TEMPLATE)),
      DaemonSet.class, owner(DaemonSet.class, null,
          KeptShape.of(DaemonSetSpec.class).whole("selector").keep("template", TEMPLATE)),
      Job.class, owner(Job.class, null, KeptShape.of(JobSpec.class).keep("template", TEMPLATE)),
      CronJob.class, owner(CronJob.class, null, KeptShape.of(CronJobSpec.class).keep("schedule", STRING)
          .keep("jobTemplate", KeptShape.of(JobTemplateSpec.class)
              .keep("spec", KeptShape.of(JobSpec.class).keep("template", TEMPLATE).asValue()).asValue())));

  /**
   * An owner kind: its kept metadata and spec and, where it has them, the replica counts of its
   * status, which are never read but must be checked: a negative one is a damaged file.
   */
  private static KeptShape owner(Class<?> kind, Class<?> statusKind, KeptShape spec) {
    KeptShape owner = KeptShape.of(kind).keep("apiVersion", INTERNED).keep("kind", INTERNED)
        .keep("metadata", META.asValue()).keep("spec", spec.asValue());
    return statusKind == null ? owner
        : owner.keep("status", KeptShape.of(statusKind).whole("replicas").whole("availableReplicas").asValue());
  }

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
    KeptShape shape = SHAPES.get(kind);
    if (shape != null) {
      return o -> (R) shape.trim(o);
    }
    if (kind == Node.class) {
      return o -> (R) CompactModel.apply(node((Node) copy.apply(o)));
    }
    return o -> (R) CompactModel.apply(withoutBookkeeping(copy.apply(o)));
  }

  /** Whether objects of {@code kind} can be read straight into their kept form ({@link #read}). */
  public static boolean readsStraight(Class<?> kind) {
    return SHAPES.containsKey(kind);
  }

  /**
   * The kept form of the object of {@code kind} the parser is on (its START_OBJECT; the parser's
   * codec the mapper fabric8 configured), read from its tokens: the fields not kept are skipped,
   * never bound. The same object as {@link #of} makes of the object bound whole.
   */
  public static <R extends HasMetadata> R read(JsonParser tokens, Class<R> kind) throws IOException {
    return kind.cast(SHAPES.get(kind).read(tokens));
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
}
