package dev.haguard.remediation.planning;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.image.ImageReference;
import dev.haguard.policy.Policy;
import dev.haguard.policy.RuleId;
import dev.haguard.remediation.ActionType;
import dev.haguard.remediation.DigestChoice;
import dev.haguard.remediation.DigestResolver;
import dev.haguard.remediation.HandoffAnnotations;
import dev.haguard.remediation.HandoffPhase;
import dev.haguard.remediation.ImagePin;
import dev.haguard.remediation.PlannedAction;
import dev.haguard.remediation.PlannedAction.NotRemediated;
import dev.haguard.remediation.PlannedAction.PinImage;
import dev.haguard.remediation.PlannedAction.RewriteBarePod;
import dev.haguard.remediation.ReplacementOptions;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes what Enforce would repair, from an analysis's findings and the policy that acts. Pure: no
 * client, no registry; Audit mode shows exactly this plan. What is wrong is the analysis's decision:
 * the {@code pod-bare} findings name the pods to rewrite, the {@code image-mutable-tag} findings (and
 * the {@code image-not-pinned} ones under pinScope All) the workloads to pin. The planner only decides
 * how to repair them, looking up what a finding does not carry (the pod, the template's containers) in
 * the snapshot by the finding's object. A rule the policy turned off still yields its repairs
 * ({@link AnalysisResult#findingsToRepair}).
 */
public final class RemediationPlanner {
  private static final Comparator<ObjectRef> BY_REF = Comparator.comparing(ObjectRef::kind)
      .thenComparing(r -> String.valueOf(r.namespace())).thenComparing(ObjectRef::name);

  private RemediationPlanner() {}

  public static List<PlannedAction> plan(AnalysisResult analysis, Policy policy) {
    ClusterSnapshot snapshot = analysis.snapshot();
    Map<ObjectRef, Workload> workloads = new HashMap<>();
    snapshot.workloads().forEach(w -> workloads.put(w.ref(), w));
    List<PlannedAction> actions = new ArrayList<>();
    Set<String> podUids = new HashSet<>();
    // In report order, which for one rule is namespace, then name.
    for (Finding bare : analysis.findingsToRepair(RuleId.POD_BARE)) {
      Workload w = workloads.get(bare.object());
      if (w != null && w.object() instanceof Pod pod) {
        planBarePod(snapshot, policy, pod).ifPresent(a -> {
          actions.add(a);
          podUids.add(pod.getMetadata().getUid());
        });
      }
    }
    // A hand-off whose bare pod is already gone (deleted, not yet marked Done) still has to finish.
    for (Deployment d : snapshot.deployments()) {
      String podUid = HandoffAnnotations.get(d, HandoffAnnotations.REWRITTEN_FROM).orElse(null);
      if (podUid != null && HandoffAnnotations.phase(d) != HandoffPhase.DONE && podUids.add(podUid)) {
        actions.add(new RewriteBarePod(rewrittenPod(d), podUid, ReplacementOptions.NONE));
      }
    }
    for (ObjectRef ref : workloadsToPin(analysis, policy)) {
      planPins(policy, workloads.get(ref), actions);
    }
    return actions;
  }

  /** The workloads whose findings ask for a pin under the policy's pinScope, each once, by kind, namespace, name. */
  private static List<ObjectRef> workloadsToPin(AnalysisResult analysis, Policy policy) {
    List<RuleId> rules = switch (policy.pinScope()) {
      case NONE -> List.of();
      case MUTABLE_TAGS -> List.of(RuleId.IMAGE_MUTABLE_TAG);
      case ALL -> List.of(RuleId.IMAGE_MUTABLE_TAG, RuleId.IMAGE_NOT_PINNED);
    };
    return rules.stream().flatMap(rule -> analysis.findingsToRepair(rule).stream()).map(Finding::object)
        .distinct().sorted(BY_REF).toList();
  }

  private static Optional<PlannedAction> planBarePod(ClusterSnapshot snapshot, Policy policy, Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    if (!policy.rewriteBarePods() || pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec() == null) {
      return Optional.empty();
    }
    ObjectRef ref = ObjectRef.of(pod);
    String restartPolicy = Optional.ofNullable(pod.getSpec().getRestartPolicy()).orElse("Always");
    if (!restartPolicy.equals("Always")) {
      return Optional.of(new NotRemediated(ActionType.REWRITE_BARE_POD, ref, "restartPolicy is " + restartPolicy
          + ": a Deployment would run it again and again; reported, never re-run"));
    }
    Optional<String> gitOps = GitOps.managerOf(pod);
    if (gitOps.isPresent()) {
      return Optional.of(new NotRemediated(ActionType.REWRITE_BARE_POD, ref, "managed by " + gitOps.get()
          + ", which would re-create it; turn it into a Deployment in the source manifests"));
    }
    boolean readWriteOnce = false;
    for (Volume v : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
      if (v.getPersistentVolumeClaim() == null) {
        continue;
      }
      String claim = v.getPersistentVolumeClaim().getClaimName();
      List<String> modes = snapshot.persistentVolumeClaim(namespace, claim)
          .map(PersistentVolumeClaim::getSpec).map(s -> s.getAccessModes()).orElse(null);
      if (modes != null && modes.contains("ReadWriteOncePod")) {
        return Optional.of(new NotRemediated(ActionType.REWRITE_BARE_POD, ref, "volume " + v.getName()
            + " (claim " + claim + ") is ReadWriteOncePod: no replacement can mount it while the pod runs; not rewritten"));
      }
      // An unknown claim is treated as ReadWriteOnce: same node and Recreate are safe for every access mode.
      readWriteOnce |= modes == null || modes.contains("ReadWriteOnce");
    }
    String node = PodFacts.nodeName(pod);
    String hostname = node == null ? null : snapshot.node(node)
        .map(n -> n.getMetadata().getLabels() == null ? null
            : n.getMetadata().getLabels().get(ReplacementOptions.HOSTNAME_LABEL))
        .orElse(node);
    Map<String, String> digests = new LinkedHashMap<>();
    ImagePin.containers(pod.getSpec()).filter(c -> needsPin(c, policy)).forEach(c -> {
      if (DigestChooser.choose(List.of(pod), c.getName(), c.getImage(), policy.pinSource())
          instanceof DigestChoice.Known known) {
        digests.put(c.getName(), known.digest());
      }
    });
    return Optional.of(new RewriteBarePod(ref, pod.getMetadata().getUid(),
        new ReplacementOptions(readWriteOnce, hostname, digests)));
  }

  private static void planPins(Policy policy, Workload w, List<PlannedAction> actions) {
    HasMetadata o = w == null ? null : w.object();
    boolean pinnable = o instanceof Deployment || o instanceof StatefulSet || o instanceof DaemonSet
        || o instanceof CronJob;
    if (!pinnable || !policy.workloadRulesApplyTo(w.ref().namespace()) || w.template().isEmpty()
        || isHandoffInFlight(o)) {
      return;
    }
    PodSpec spec = w.template().get().getSpec();
    List<Container> toPin = ImagePin.containers(spec).filter(c -> needsPin(c, policy)).toList();
    if (toPin.isEmpty()) {
      return;
    }
    Optional<String> gitOps = GitOps.managerOf(o);
    if (gitOps.isPresent()) {
      actions.add(new NotRemediated(ActionType.PIN_IMAGE, w.ref(), "managed by " + gitOps.get()
          + ", whose sync would revert a pin; pin the source manifests instead: haguard pin -f <manifests>"));
      return;
    }
    DigestResolver.PullContext pull = new DigestResolver.PullContext(w.ref().namespace(),
        Optional.ofNullable(spec.getImagePullSecrets()).orElse(List.of()).stream()
            .map(LocalObjectReference::getName).toList(),
        Optional.ofNullable(spec.getServiceAccountName()).orElse("default"));
    for (Container c : toPin) {
      boolean init = spec.getInitContainers() != null && spec.getInitContainers().contains(c);
      DigestChoice choice = DigestChooser.choose(w.pods(), c.getName(), c.getImage(), policy.pinSource());
      if (choice instanceof DigestChoice.Refused refused) {
        actions.add(new NotRemediated(ActionType.PIN_IMAGE, w.ref(),
            "container " + c.getName() + ": " + refused.reason()));
      } else {
        actions.add(new PinImage(w.ref(), c.getName(), init, c.getImage(), choice, pull));
      }
    }
  }

  /**
   * Whether {@code c}'s image is one the policy's pinScope pins: of a flagged workload's containers,
   * the ones its findings are about. Invalid references are the analysis's to report.
   */
  static boolean needsPin(Container c, Policy policy) {
    Optional<ImageReference> image = ImageReference.tryParse(c.getImage());
    if (image.isEmpty() || image.get().isPinned()) {
      return false;
    }
    return policy.pinScope() == PinScope.ALL
        || policy.pinScope() == PinScope.MUTABLE_TAGS && image.get().isMutable(policy.mutableTags());
  }

  /** A replacement whose hand-off is not Done: pinning now would start a rollout in the middle of it. */
  private static boolean isHandoffInFlight(HasMetadata o) {
    return HandoffAnnotations.get(o, HandoffAnnotations.REWRITTEN_FROM).isPresent()
        && HandoffAnnotations.phase(o) != HandoffPhase.DONE;
  }

  /** The bare pod a replacement names in its annotations. */
  static ObjectRef rewrittenPod(HasMetadata deployment) {
    String namespace = deployment.getMetadata().getNamespace();
    String name = HandoffAnnotations.get(deployment, HandoffAnnotations.REWRITTEN_FROM_POD)
        .map(v -> v.substring(v.indexOf('/') + 1))
        .orElse(deployment.getMetadata().getName());
    return new ObjectRef("v1", "Pod", namespace, name);
  }
}
