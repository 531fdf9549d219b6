package dev.haguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random specs (the real field names at every level, random names, values of every JSON type):
 * reading and resolving never throws anything but {@link InvalidPolicyException}, whose errors
 * name a field under {@code spec} in one line.
 */
class PolicyResolverPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Every field name of the spec, so that random specs reach deep into validation. */
  private static final List<String> NAMES = SpecFields.paths().stream()
      .map(p -> p.substring(p.lastIndexOf('.') + 1)).distinct().toList();

  @Property(tries = 500, seed = "20261125")
  void resolveThrowsNothingButInvalidPolicy(@ForAll("specs") JsonNode spec) {
    ClusterPolicy policy = new ClusterPolicy();
    policy.setRawSpec(spec);
    try {
      PolicyResolver.resolve(policy);
    } catch (InvalidPolicyException e) {
      assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.field()).startsWith("spec"));
      assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
    }
  }

  @Provide
  Arbitrary<JsonNode> specs() {
    return objects(3).map(JsonNode.class::cast);
  }

  private Arbitrary<ObjectNode> objects(int depth) {
    Arbitrary<String> keys = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of(NAMES)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("pod-bare", "etcd-even-members", "component", "app")));
    return Arbitraries.maps(keys, values(depth)).ofMaxSize(5).map(PolicyResolverPropertiesTest::toObject);
  }

  private Arbitrary<JsonNode> values(int depth) {
    Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
        Arbitraries.of("kube-system", "Not Valid!", "", "Audit", "Enforce", "Sometimes", "off", "critical",
                "latest", "https://10.0.0.1:2379", "http://x", "registry.local:5000", "topology.kubernetes.io/zone",
                "MutableTags", "All", "Running", "Registry", "true", "7")
            .map(NODES::textNode),
        Arbitraries.strings().ofMaxLength(300).map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.integers().between(-3, 9).map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<JsonNode> lists = values(depth - 1).list().ofMaxSize(4).map(items -> {
      var array = NODES.arrayNode();
      items.forEach(array::add);
      return array;
    });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, leaves),
        net.jqwik.api.Tuple.of(2, lists),
        net.jqwik.api.Tuple.of(3, objects(depth - 1).map(JsonNode.class::cast)));
  }

  private static ObjectNode toObject(Map<String, JsonNode> fields) {
    ObjectNode object = NODES.objectNode();
    fields.forEach(object::set);
    return object;
  }
}
