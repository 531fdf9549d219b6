package dev.haguard.report.openreports;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** openreports.io/v1alpha1 ClusterReport: haguard's findings on cluster-scoped objects and whole components (etcd, the apiservers, the zones). */
@Group("openreports.io")
@Version("v1alpha1")
@ShortNames("creps")
public final class ClusterReport extends OpenReport {}
