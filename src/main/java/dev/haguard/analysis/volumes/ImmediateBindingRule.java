package dev.haguard.analysis.volumes;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ObjectRef;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code storageclass-immediate-binding}: a StorageClass of a zonal block-storage provisioner that
 * binds Immediately in a multi-zone cluster. The volume's zone is chosen before the pod's, so
 * the pod may land where its volume cannot attach.
 */
public final class ImmediateBindingRule implements Rule {
  /** Provisioners whose volumes attach in one zone only (CSI drivers and their in-tree predecessors). */
  public static final Set<String> ZONAL_PROVISIONERS = Set.of(
      "ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs",
      "pd.csi.storage.gke.io", "kubernetes.io/gce-pd",
      "disk.csi.azure.com", "kubernetes.io/azure-disk",
      "cinder.csi.openstack.org", "kubernetes.io/cinder",
      "diskplugin.csi.alibabacloud.com");

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Set<String> clusterZones = context.zones().zones();
    if (clusterZones.size() <= 1) {
      return;
    }
    for (StorageClass sc : context.snapshot().storageClasses()) {
      String mode = sc.getVolumeBindingMode();
      if (!ZONAL_PROVISIONERS.contains(sc.getProvisioner())
          || (mode != null && !"Immediate".equals(mode))
          || allowedZones(sc).size() == 1) {
        continue;
      }
      ObjectRef ref = ObjectRef.of(sc);
      findings.report(RuleId.STORAGECLASS_IMMEDIATE_BINDING, ref,
          ref + " (" + sc.getProvisioner() + ") binds volumes Immediately (volumeBindingMode "
              + (mode == null ? "unset, which means Immediate" : mode) + ") in a cluster of " + clusterZones.size()
              + " zones: each volume's zone is picked before its pod is scheduled, so the pod can land in a zone"
              + " where the volume cannot attach.",
          "Set volumeBindingMode: WaitForFirstConsumer (a new StorageClass, since the field is immutable), or use"
              + " a multi-zone file store (EFS, Filestore, Azure Files) for data that must follow pods across zones.");
    }
  }

  /** The zones allowedTopologies restricts the class to; empty when it does not restrict zones. */
  private static Set<String> allowedZones(StorageClass sc) {
    Set<String> zones = new HashSet<>();
    List<TopologySelectorTerm> terms = sc.getAllowedTopologies();
    if (terms == null) {
      return zones;
    }
    for (TopologySelectorTerm term : terms) {
      for (TopologySelectorLabelRequirement req : term.getMatchLabelExpressions() == null
          ? List.<TopologySelectorLabelRequirement>of() : term.getMatchLabelExpressions()) {
        if (VolumeZones.ZONE_KEYS.contains(req.getKey()) && req.getValues() != null) {
          zones.addAll(req.getValues());
        }
      }
    }
    return zones;
  }
}
