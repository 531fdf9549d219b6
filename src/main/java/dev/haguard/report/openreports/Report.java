package dev.haguard.report.openreports;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** openreports.io/v1alpha1 Report: haguard's findings on namespaced objects of one namespace. */
@Group("openreports.io")
@Version("v1alpha1")
@ShortNames("reps")
public final class Report extends OpenReport implements Namespaced {}
