package dev.haguard.install;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.etcdPod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get clusterpolicy} shows every column: each printer column's JSONPath in crds/
 * resolves, to a value of the column's type, on the status the analysis really writes.
 */
class PrinterColumnsTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private static List<CustomResourceColumnDefinition> columns;

  @BeforeAll
  static void readCrd() throws Exception {
    CustomResourceDefinition crd = SERIALIZATION.unmarshal(
        Files.readString(ProjectFiles.path("crds/clusterpolicies.haguard.dev-v1.yml")), CustomResourceDefinition.class);
    columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
  }

  @Test
  void everyColumnResolvesOnAnAnalysedCluster() {
    JsonNode policy = asJson(analysedThreeZoneCluster());
    assertThat(columns).isNotEmpty().allSatisfy(column -> {
      List<JsonNode> values = JsonPathColumn.evaluate(policy, column.getJsonPath());
      assertThat(values).as("column %s (%s)", column.getName(), column.getJsonPath()).hasSize(1);
      assertHasType(column, values.get(0));
    });
  }

  @Test
  void columnsStayEmptyBeforeTheFirstStatus() {
    ClusterPolicy fresh = policyNamedDefault();
    JsonNode policy = asJson(fresh);
    assertThat(columns).filteredOn(c -> c.getJsonPath().startsWith(".status"))
        .isNotEmpty()
        .allSatisfy(column -> assertThat(JsonPathColumn.evaluate(policy, column.getJsonPath())).isEmpty());
  }

  /** Three control-plane nodes in three zones, each with an etcd member and an apiserver. */
  private static ClusterPolicy analysedThreeZoneCluster() {
    ClusterSnapshot.Builder snapshot = ClusterSnapshot.builder();
    for (String zone : List.of("a", "b", "c")) {
      String node = "cp-" + zone;
      snapshot.add(controlPlaneNode(node, "zone-" + zone));
      snapshot.add(etcdPod(node));
      snapshot.add(apiServerPod(node, "10.0.0." + (zone.charAt(0) - 'a' + 1)));
    }
    snapshot.add(TestObjects.node("worker-a", "zone-a"));
    snapshot.add(TestObjects.pod("shop", "cart", "worker-a", "shop/cart:latest"));
    ClusterPolicyStatus status = StatusMapper.forStatus().status(Analyzer.standard(Clock.fixed(NOW, ZoneOffset.UTC))
        .analyze(snapshot.build(), PolicyResolver.defaults()),
        new StatusMapper.Reconcile(1L, java.util.List.of(), null, null));
    ClusterPolicy policy = policyNamedDefault();
    policy.setStatus(status);
    return policy;
  }

  private static ClusterPolicy policyNamedDefault() {
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("default").withGeneration(1L)
        .withCreationTimestamp(NOW.minusSeconds(3600).toString()).build());
    return policy;
  }

  private static JsonNode asJson(ClusterPolicy policy) {
    return SERIALIZATION.convertValue(policy, JsonNode.class);
  }

  private static void assertHasType(CustomResourceColumnDefinition column, JsonNode value) {
    String what = column.getName() + " = " + value;
    switch (column.getType()) {
      case "integer" -> assertThat(value.isIntegralNumber()).as(what).isTrue();
      case "number" -> assertThat(value.isNumber()).as(what).isTrue();
      case "boolean" -> assertThat(value.isBoolean()).as(what).isTrue();
      case "string" -> assertThat(value.isTextual() && !value.asText().isEmpty()).as(what).isTrue();
      case "date" -> assertThat(Instant.parse(value.asText())).as(what).isNotNull();
      default -> throw new AssertionError("unknown printer column type " + column.getType() + " in " + column);
    }
  }
}
