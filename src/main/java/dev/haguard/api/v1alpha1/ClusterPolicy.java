package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The cluster-scoped policy that tells haguard what to check and whether to repair.
 *
 * <p>The spec is read leniently: a value the Java types cannot hold ({@code mode: Sometimes},
 * {@code maxMembers: seven}) must not break the informer that reads every policy, so the raw
 * JSON is kept and the binding error is reported as an invalid spec instead.
 */
@Group(ClusterPolicy.GROUP)
@Version(ClusterPolicy.VERSION)
@Kind("ClusterPolicy")
@Plural("clusterpolicies")
@ShortNames("hapol")
@Categories("haguard")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Etcd", jsonPath = ".status.etcd.members", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Tolerance", jsonPath = ".status.etcd.remainingTolerance", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Zones", jsonPath = ".status.zones.count", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Critical", jsonPath = ".status.summary.critical", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Warnings", jsonPath = ".status.summary.warning", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ClusterPolicy extends CustomResource<ClusterPolicySpec, ClusterPolicyStatus> {
  public static final String GROUP = "haguard.dev";
  public static final String VERSION = "v1alpha1";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @JsonProperty("spec")
  @SchemaFrom(type = ClusterPolicySpec.class)
  private JsonNode rawSpec;

  @JsonIgnore private String specBindingError;

  /** The spec exactly as stored, whether or not it binds to {@link ClusterPolicySpec}. */
  @JsonProperty("spec")
  public JsonNode getRawSpec() {
    if (rawSpec == null && getSpec() != null) {
      return SERIALIZATION.convertValue(getSpec(), JsonNode.class);
    }
    return rawSpec;
  }

  @JsonProperty("spec")
  public void setRawSpec(JsonNode raw) {
    this.rawSpec = raw;
    this.specBindingError = null;
    super.setSpec(null);
    if (raw == null || raw.isNull()) {
      return;
    }
    try {
      super.setSpec(SpecBinding.bind(raw));
    } catch (SpecBinding.InvalidSpecException e) {
      this.specBindingError = e.getMessage();
    }
  }

  @Override
  @JsonIgnore
  public ClusterPolicySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonIgnore
  public void setSpec(ClusterPolicySpec spec) {
    super.setSpec(spec);
    this.rawSpec = null;
    this.specBindingError = null;
  }

  /** Why the stored spec could not be read into {@link ClusterPolicySpec}, naming the field; null when it could. */
  @JsonIgnore
  public String getSpecBindingError() {
    return specBindingError;
  }
}
