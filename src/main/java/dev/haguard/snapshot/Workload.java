package dev.haguard.snapshot;

import dev.haguard.api.v1alpha1.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A top-level workload: the object nobody controls (a Deployment, not its ReplicaSets; a CronJob,
 * not its Jobs; a bare Pod itself) with every pod below it. Findings about images and spread
 * name the workload once, whether or not it has pods.
 *
 * @param ref    the workload's reference
 * @param object the workload, or null when only its pods are in the snapshot (an owner of an
 *               unknown kind, or one the snapshot did not include)
 * @param pods   the pods it controls, directly or through ReplicaSets and Jobs
 */
public record Workload(ObjectRef ref, HasMetadata object, List<Pod> pods) {

  Workload(ObjectRef ref, HasMetadata object) {
    this(ref, object, new ArrayList<>());
  }

  /** The pod template the workload stamps pods from; for a bare pod or an unknown owner, none. */
  public Optional<PodTemplateSpec> template() {
    if (object instanceof Deployment d) {
      return Optional.ofNullable(d.getSpec()).map(s -> s.getTemplate());
    }
    if (object instanceof StatefulSet s) {
      return Optional.ofNullable(s.getSpec()).map(x -> x.getTemplate());
    }
    if (object instanceof DaemonSet s) {
      return Optional.ofNullable(s.getSpec()).map(x -> x.getTemplate());
    }
    if (object instanceof ReplicaSet s) {
      return Optional.ofNullable(s.getSpec()).map(x -> x.getTemplate());
    }
    if (object instanceof Job j) {
      return Optional.ofNullable(j.getSpec()).map(x -> x.getTemplate());
    }
    if (object instanceof CronJob c) {
      return Optional.ofNullable(c.getSpec())
          .map(x -> x.getJobTemplate())
          .map(t -> t.getSpec())
          .map(x -> x.getTemplate());
    }
    return Optional.empty();
  }

  /** The replicas a Deployment or StatefulSet asks for (default 1); null for other kinds. */
  public Integer desiredReplicas() {
    if (object instanceof Deployment d && d.getSpec() != null) {
      return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }
    if (object instanceof StatefulSet s && s.getSpec() != null) {
      return s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
    }
    return null;
  }

  public boolean isBarePod() {
    return object instanceof Pod;
  }
}
