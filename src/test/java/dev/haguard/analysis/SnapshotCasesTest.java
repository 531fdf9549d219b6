package dev.haguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.SnapshotFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The realistic snapshots give the node, PDB and spread findings their expected-findings.yaml lists. */
class SnapshotCasesTest {
  private static final Set<String> RULES = Set.of(RuleId.WORKLOAD_NODE_SPOF, RuleId.PDB_BLOCKS_DRAIN,
          RuleId.PDB_SELECTS_NOTHING, RuleId.PDB_OVERLAPPING, RuleId.PDB_MISSING, RuleId.SPREAD_CONSTRAINT_UNSATISFIABLE)
      .stream().map(RuleId::id).collect(Collectors.toSet());

  @ParameterizedTest
  @ValueSource(strings = {"kubeadm", "drain-blocked-min-available", "eks-pdbs"})
  void findingsAreTheExpectedOnes(String name) throws Exception {
    Path dir = Path.of("src/test/resources/snapshots", name);
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(dir.resolve("objects.yaml").toString()), builder);

    List<String> found = Analyzer.standard(Clock.systemUTC()).analyze(builder.build(), PolicyResolver.defaults())
        .findings().stream().filter(f -> RULES.contains(f.rule())).map(f -> f.rule() + " " + f.object()).toList();

    String[] expected = new ObjectMapper(new YAMLFactory()).readValue(dir.resolve("expected-findings.yaml").toFile(),
        String[].class);
    assertThat(found).containsExactlyInAnyOrderElementsOf(Arrays.asList(expected));
  }
}
