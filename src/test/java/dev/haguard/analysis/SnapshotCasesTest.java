package dev.haguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.Finding;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotSources;
import dev.haguard.support.GoldenCases;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules on every golden case (src/test/resources/snapshots/<case>) give the findings of its expected.yaml. */
class SnapshotCasesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static Stream<String> cases() {
    return GoldenCases.names();
  }

  private static List<Finding> analyze(String name) throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(GoldenCases.objects(name).toString()), builder);
    return Analyzer.standard(Clock.systemUTC())
        .analyze(SnapshotSources.build(builder, GoldenCases.DNS), PolicyResolver.defaults()).findings();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void findingsAreTheGoldenOnes(String name) throws Exception {
    ClusterPolicyStatus expected = YAML.readValue(GoldenCases.expected(name).toFile(), ClusterPolicyStatus.class);

    assertThat(analyze(name)).containsExactlyElementsOf(expected.findings());
  }

  /**
   * Hand-written, independent of the generated files: the node, disruption-budget and spread
   * findings (rule and object) that what-if-cases.py built each snapshot to show.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kubeadm | workload-node-spof Deployment/shop/cart; pdb-missing Deployment/shop/cart",
      "drain-blocked-min-available | pdb-blocks-drain PodDisruptionBudget/payments/ledger",
      "eks-pdbs | pdb-overlapping Deployment/web/storefront; workload-node-spof Deployment/web/search;"
          + " pdb-missing Deployment/web/search"})
  void theNodeBudgetAndSpreadFindingsAreTheOnesTheSnapshotWasBuiltFor(String name, String expected) throws Exception {
    List<String> rules = Stream.of(RuleId.WORKLOAD_NODE_SPOF, RuleId.PDB_BLOCKS_DRAIN, RuleId.PDB_SELECTS_NOTHING,
        RuleId.PDB_OVERLAPPING, RuleId.PDB_MISSING, RuleId.SPREAD_CONSTRAINT_UNSATISFIABLE).map(RuleId::id).toList();

    List<String> found = analyze(name).stream().filter(f -> rules.contains(f.rule()))
        .map(f -> f.rule() + " " + f.object()).toList();

    assertThat(found).containsExactlyInAnyOrder(expected.split(";\\s*"));
  }
}
