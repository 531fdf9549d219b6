package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas against one API server: the Lease holder reconciles, the other waits, and takes over. */
@EmbeddedTier
class LeaderElectionTest {
  private final OperatorHarness harness = new OperatorHarness();
  private final EmbeddedCluster cluster = harness.cluster;

  @BeforeEach
  void grantLeases() {
    // JOSDK asks at start-up whether it may use Leases; the embedded server cannot answer that itself.
    SelfSubjectRulesReview granted = new SelfSubjectRulesReviewBuilder()
        .withNewMetadata().withName("review").endMetadata()
        .withNewStatus().withIncomplete(false)
        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
        .withVerbs("get", "create", "update").endResourceRule()
        .endStatus().build();
    cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, granted).always();
    cluster.client().resource(policy("default")).create();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private HaguardOperator replica(String identity) {
    OperatorSettings settings = OperatorFixtures.settings().withLeaderElection(
        new OperatorSettings.LeaderElection("haguard-system", Optional.of(identity), false));
    return harness.start(settings);
  }

  private static double reconciles(HaguardOperator operator) {
    return OperatorHarness.reconciles(operator);
  }

  private String holder() {
    Lease lease = cluster.client().leases().inNamespace("haguard-system").withName(OperatorSettings.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheOtherTakesOver() {
    HaguardOperator first = replica("replica-a");
    await().atMost(Duration.ofSeconds(30)).until(() -> "replica-a".equals(holder()));
    HaguardOperator second = replica("replica-b");
    await().atMost(Duration.ofSeconds(30)).until(() ->
        cluster.client().resources(ClusterPolicy.class).withName("default").get().getStatus() != null);
    assertThat(second.ready()).as("a standby's caches are warm").isTrue();

    // A change reaches both replicas' informers; only the leader acts on it.
    cluster.client().pods().inNamespace("kube-system").withName("etcd-cp-0").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().resources(ClusterPolicy.class)
        .withName("default").get().getStatus().etcd().members() == 2);
    assertThat(reconciles(first)).isPositive();
    assertThat(reconciles(second)).isZero();

    harness.stop(first);
    await().atMost(Duration.ofSeconds(60)).until(() -> "replica-b".equals(holder()));
    cluster.client().pods().inNamespace("kube-system").withName("etcd-cp-1").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().resources(ClusterPolicy.class)
        .withName("default").get().getStatus().etcd().members() == 1);
    assertThat(reconciles(second)).isPositive();
  }
}
