package dev.haguard.report.openreports;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** wgpolicyk8s.io/v1alpha2 ClusterPolicyReport: haguard's findings on cluster-scoped objects and whole components (etcd, the apiservers, the zones). */
@Group("wgpolicyk8s.io")
@Version("v1alpha2")
@ShortNames("cpolr")
public final class ClusterPolicyReport extends ResultsReport {}
