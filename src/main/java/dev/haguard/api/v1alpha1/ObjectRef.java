package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The object a finding or an action is about. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  public static ObjectRef of(HasMetadata o) {
    return new ObjectRef(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped objects. */
  @Override
  public String toString() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
