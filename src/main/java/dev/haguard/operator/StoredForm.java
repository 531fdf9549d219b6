package dev.haguard.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a computed status with the stored one in the form the API server holds: fabric8's JSON
 * patch leaves out empty arrays (so {@code findings: []} is stored as no findings), and map order
 * does not matter. Comparing the Java values instead would see a change on every reconcile.
 */
final class StoredForm {
  private final KubernetesSerialization serialization;

  StoredForm(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  boolean same(ClusterPolicyStatus next, ClusterPolicyStatus stored) {
    return stored != null && of(next).equals(of(stored));
  }

  private JsonNode of(ClusterPolicyStatus status) {
    JsonNode node = serialization.convertValue(status, JsonNode.class);
    if (node instanceof ObjectNode object) {
      removeEmptyArrays(object);
    }
    return node;
  }

  private static void removeEmptyArrays(ObjectNode node) {
    List<String> empty = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isArray() && field.getValue().isEmpty()) {
        empty.add(field.getKey());
      } else if (field.getValue() instanceof ObjectNode child) {
        removeEmptyArrays(child);
      }
    }
    node.remove(empty);
  }
}
