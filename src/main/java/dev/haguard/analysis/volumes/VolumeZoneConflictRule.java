package dev.haguard.analysis.volumes;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.snapshot.PodFacts;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.analysis.pods.PodOwnership;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.Workload;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code volume-zone-conflict}: a pod mounts a claim bound to a zonal volume (an EBS or persistent
 * disk attaches only in its zone) while the pod runs, or can only run, in another zone. The pod
 * hangs in ContainerCreating (or Pending) until someone moves it or the data. A Pending pod also
 * conflicts when the volume's zone has no node it could run on (kubernetes#34583: the zone's
 * nodes were scaled away, cordoned or tainted).
 *
 * <p>The finding names the pod's top-level workload (the StatefulSet, not its pods), once per
 * claim: that is the object to fix, and a workload with many stuck pods on one claim is one
 * problem. Static pods name themselves. Volume rules cover every namespace: a stuck volume in
 * kube-system is as stuck as anywhere.
 */
public final class VolumeZoneConflictRule implements Rule {

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    ClusterSnapshot snapshot = context.snapshot();
    PodZoneConstraints constraints = new PodZoneConstraints(context.policy().zoneTopologyKey());
    Map<Pod, Workload> workloadOfPod = null;
    Set<String> reported = new HashSet<>();
    for (PersistentVolumeClaim claim : snapshot.persistentVolumeClaims()) {
      String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
      PersistentVolume volume = snapshot.persistentVolume(volumeName).orElse(null);
      Set<String> volumeZones = volume == null ? Set.of() : VolumeZones.zonesOf(volume);
      if (volumeZones.isEmpty()) {
        continue;
      }
      String namespace = claim.getMetadata().getNamespace();
      for (Pod pod : snapshot.podsUsingClaim(namespace, claim.getMetadata().getName())) {
        if (PodFacts.isFinished(pod)) {
          continue;
        }
        String nodeZone = context.zones().zoneOfNode(PodFacts.nodeName(pod));
        boolean pending = PodFacts.nodeName(pod) == null;
        boolean conflict = nodeZone != null
            ? !volumeZones.contains(nodeZone)
            : volumeZones.stream().noneMatch(zone -> constraints.allows(pod.getSpec(), zone)
                && (!pending || couldRunIn(snapshot, context, pod, zone)));
        if (!conflict) {
          continue;
        }
        if (workloadOfPod == null) {
          workloadOfPod = indexWorkloads(snapshot);
        }
        Workload workload = workloadOfPod.get(pod);
        ObjectRef subject = workload == null ? ObjectRef.of(pod) : PodOwnership.subject(workload, pod);
        if (reported.add(subject + "|" + namespace + "/" + claim.getMetadata().getName())) {
          report(findings, subject, pod, claim, volume, volumeZones, nodeZone, context.policy().zoneTopologyKey());
        }
      }
    }
  }

  /**
   * Whether a node of {@code zone} could take the Pending pod (kubernetes#34583: the volume's zone
   * has no node left, or none it tolerates). A snapshot without nodes cannot say, so it could.
   */
  private static boolean couldRunIn(ClusterSnapshot snapshot, AnalysisContext context, Pod pod, String zone) {
    return snapshot.nodes().isEmpty() || snapshot.nodes().stream()
        .filter(n -> zone.equals(context.zones().zoneOfNode(n.getMetadata().getName())))
        .anyMatch(n -> PodZoneConstraints.canRunOn(pod.getSpec(), n));
  }

  /** Pod to workload, built only once a conflict is found: most clusters never pay for it. */
  private static Map<Pod, Workload> indexWorkloads(ClusterSnapshot snapshot) {
    Map<Pod, Workload> map = new IdentityHashMap<>();
    for (Workload w : snapshot.workloads()) {
      for (Pod pod : w.pods()) {
        map.put(pod, w);
      }
    }
    return map;
  }

  private static void report(Findings findings, ObjectRef subject, Pod pod, PersistentVolumeClaim claim,
      PersistentVolume volume, Set<String> volumeZones, String nodeZone, String zoneKey) {
    String zones = String.join(", ", volumeZones);
    String where = nodeZone != null
        ? "is on node " + PodFacts.nodeName(pod) + " in zone " + nodeZone
        : PodFacts.nodeName(pod) == null
            ? "is Pending and no node in zone " + zones + " could run it (none is left there, or every one there is"
                + " cordoned, has a taint the pod does not tolerate, or lacks a label of its nodeSelector / required"
                + " node affinity)"
            : "can only be scheduled outside " + zones + " (its nodeSelector / required node affinity)";
    findings.report(RuleId.VOLUME_ZONE_CONFLICT, subject,
        subject + " mounts claim " + claim.getMetadata().getName() + ", bound to volume "
            + volume.getMetadata().getName() + " in zone " + zones + ", but its pod " + pod.getMetadata().getName()
            + " " + where + ": the volume cannot attach across zones and the pod will not start.",
        "Schedule the pod into zone " + zones + " (nodeSelector " + zoneKey + "), or snapshot the volume"
            + " and restore it in the pod's zone; give its StorageClass volumeBindingMode WaitForFirstConsumer so new"
            + " volumes follow their pods.");
  }
}
