package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.demo.HostsFile;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.remediation.PlannedAction;
import dev.haguard.remediation.planning.RemediationPlanner;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.HostResolver;
import dev.haguard.snapshot.SyntheticCluster;
import dev.haguard.snapshot.source.SnapshotFiles;
import dev.haguard.snapshot.source.SnapshotSources;
import dev.haguard.support.ProjectFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule (and the remediation plan) sees in the trimmed caches what it sees in whole objects:
 * the same cluster analysed both ways gives the same status.
 */
class CachedFormAnalysisTest {
  private static final Analyzer ANALYZER = Analyzer.standard(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void theDemoClusterAnalysesTheSameTrimmed() throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.readWhole(List.of(ProjectFiles.path("examples/demo-cluster.yaml").toString()), (o, file, line) -> builder.add(o));
    HostResolver hosts = HostsFile.read(ProjectFiles.path("examples/hosts"));
    ClusterSnapshot whole = SnapshotSources.build(builder, hosts);

    ClusterSnapshot.Builder trimmed = ClusterSnapshot.builder();
    throughCaches(objectsOf(whole)).forEach(trimmed::add);

    assertSameAnalysis(whole, SnapshotSources.build(trimmed, hosts));
  }

  /** Every golden case: kubeadm, IPv6, dual-stack, EKS, k3s, kubectl Lists, PyYAML dumps. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshotCases")
  void everySnapshotCaseAnalysesTheSameTrimmed(Path objects) throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.readWhole(List.of(objects.toString()), (o, file, line) -> builder.add(o));
    HostResolver hosts = HostsFile.read(ProjectFiles.path("examples/hosts"));
    ClusterSnapshot whole = SnapshotSources.build(builder, hosts);

    ClusterSnapshot.Builder trimmed = ClusterSnapshot.builder();
    throughCaches(objectsOf(whole)).forEach(trimmed::add);

    assertSameAnalysis(whole, SnapshotSources.build(trimmed, hosts));
  }

  static Stream<Path> snapshotCases() throws IOException {
    try (Stream<Path> walk = Files.walk(ProjectFiles.path("src/test/resources/snapshots"))) {
      return walk.filter(p -> p.getFileName().toString().matches("objects\\.(yaml|json)")).sorted().toList().stream();
    }
  }

  @Test
  void aSyntheticClusterAnalysesTheSameTrimmed() {
    SyntheticCluster cluster = SyntheticCluster.withPods(3000);
    List<HasMetadata> objects = new ArrayList<>();
    cluster.forEach(objects::add);

    ClusterSnapshot.Builder trimmed = ClusterSnapshot.builder();
    throughCaches(objects).forEach(trimmed::add);

    assertSameAnalysis(cluster.snapshot(), trimmed.build());
  }

  private static void assertSameAnalysis(ClusterSnapshot whole, ClusterSnapshot trimmed) {
    ClusterPolicyStatus expected = StatusMapper.forCli().status(ANALYZER.analyze(whole, PolicyResolver.defaults()));
    ClusterPolicyStatus actual = StatusMapper.forCli().status(ANALYZER.analyze(trimmed, PolicyResolver.defaults()));
    assertThat(expected.findings()).isNotEmpty();
    assertThat(actual.findings()).isEqualTo(expected.findings());
    assertThat(actual.findingsTruncated()).isEqualTo(expected.findingsTruncated());
    assertThat(actual.summary()).isEqualTo(expected.summary());
    assertThat(actual.etcd()).isEqualTo(expected.etcd());
    assertThat(actual.apiServer()).isEqualTo(expected.apiServer());
    assertThat(actual.zones()).isEqualTo(expected.zones());
    assertThat(actual.conditions()).isEqualTo(expected.conditions());
    List<PlannedAction> plan = RemediationPlanner.plan(ANALYZER.analyze(whole, PolicyResolver.defaults()),
        PolicyResolver.defaults());
    assertThat(RemediationPlanner.plan(ANALYZER.analyze(trimmed, PolicyResolver.defaults()), PolicyResolver.defaults()))
        .isEqualTo(plan);
  }

  /** Copies of {@code objects} as the informer caches hold them: each through its kind's item store. */
  static List<HasMetadata> throughCaches(List<HasMetadata> objects) {
    List<HasMetadata> cached = new ArrayList<>();
    for (HasMetadata o : objects) {
      TransformingItemStore<HasMetadata> store = store(o.getClass());
      HasMetadata copy = JSON.clone(o);
      store.put(store.getKey(copy), copy);
      cached.addAll(store.values().toList());
    }
    return cached;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TransformingItemStore<HasMetadata> store(Class<? extends HasMetadata> kind) {
    return ClusterCache.itemStore((Class) kind);
  }

  static List<HasMetadata> objectsOf(ClusterSnapshot s) {
    return Stream.of(s.nodes(), s.pods(), s.deployments(), s.replicaSets(), s.statefulSets(), s.daemonSets(),
            s.jobs(), s.cronJobs(), s.persistentVolumes(), s.persistentVolumeClaims(), s.storageClasses(),
            s.podDisruptionBudgets(),
            s.kubernetesEndpoints().stream().toList(), s.kubernetesEndpointSlices(), s.clusterInfo().stream().toList())
        .flatMap(List::stream).map(HasMetadata.class::cast).toList();
  }
}
