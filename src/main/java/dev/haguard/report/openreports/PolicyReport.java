package dev.haguard.report.openreports;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** wgpolicyk8s.io/v1alpha2 PolicyReport: haguard's findings on namespaced objects of one namespace. */
@Group("wgpolicyk8s.io")
@Version("v1alpha2")
@ShortNames("polr")
public final class PolicyReport extends ResultsReport implements Namespaced {}
