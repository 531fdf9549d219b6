package dev.haguard.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EtcdSource;
import dev.haguard.support.RealTier;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real 5-member etcd: tolerance 2, and one member down still leaves one. */
@RealTier
@Timeout(120)
class EtcdProbeFiveMembersTest {

  @Test
  void fiveMembersTolerateTwoAndOneDownLeavesOne() throws IOException {
    try (EtcdTestCluster cluster = EtcdTestCluster.start(5)) {
      ClusterPolicyStatus.Etcd healthy = EtcdProbeRealClusterTest.analyze(
          new EtcdProbe(cluster.clientUrls(), null, EtcdProbeRealClusterTest.PATIENT).probe()).etcd();
      assertThat(healthy).isEqualTo(new ClusterPolicyStatus.Etcd(EtcdSource.PROBE, 5, 5, 0, 3, 2, 2, null, null));

      cluster.stop(4);
      ClusterPolicyStatus.Etcd oneDown = EtcdProbeRealClusterTest.analyze(
          new EtcdProbe(cluster.clientUrls(), null, EtcdProbe.DEFAULT_TIMEOUT).probe()).etcd();
      assertThat(oneDown.healthy()).isEqualTo(4);
      assertThat(oneDown.remainingTolerance()).isEqualTo(1);
    }
  }
}
