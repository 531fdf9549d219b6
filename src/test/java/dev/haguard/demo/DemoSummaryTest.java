package dev.haguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's summary says what it does not know as unknown, never as "null". */
class DemoSummaryTest {
  @Test
  void anEtcdNobodyCanSeeIsUnknownNotNull() {
    ClusterSnapshot managed = ClusterSnapshot.builder().addAll(List.of(TestObjects.node("w-a", "a"))).build();
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("default").build());
    policy.setStatus(StatusMapper.forCli().status(
        Analyzer.standard(Clock.systemUTC()).analyze(managed, PolicyResolver.defaults())));

    String summary = DemoSummary.of(new DemoRun.Result(policy, true, Duration.ofSeconds(1)), 1, "test");

    assertThat(summary).contains("  etcd:       unknown (source Unobservable)").doesNotContain("null");
  }
}
