package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.latestPod;
import static dev.haguard.operator.OperatorFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.support.EmbeddedTier;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bursts of events coalesce into few reconciles; findings are announced once, a bounded number at a time. */
@EmbeddedTier
class BurstAndEventsTest extends OperatorTestBase {
  private ClusterPolicy current() {
    return harness.policy("default");
  }


  private List<Event> events() {
    return client.v1().events().inAnyNamespace().list().getItems();
  }

  @Test
  void aThousandPodEventsCauseAHandfulOfReconciles() {
    client.resource(policy("default")).create();
    startOperator();
    await().atMost(SETTLE).until(() -> current().getStatus() != null);
    double before = reconciles();

    int pods = 1000;
    IntStream.range(0, pods).parallel().forEach(i -> client.resource(latestPod(i)).create());

    await().atMost(SETTLE).until(() -> current().getStatus().summary().warning() == pods);
    double during = reconciles() - before;
    assertThat(during).as("reconciles for %d pod events", pods).isBetween(1.0, pods / 50.0);
  }

  @Test
  void findingsAreAnnouncedOnceAndCappedPerReconcile() {
    List<HasMetadata> latest = new ArrayList<>();
    IntStream.range(0, 100).forEach(i -> latest.add(latestPod(i)));
    harness.cluster.seed(latest);
    client.resource(policy("default")).create();
    startOperator();
    await().atMost(SETTLE).until(() -> current().getStatus() != null);

    await().atMost(SETTLE).until(() -> events().size() == FindingEvents.MAX_EVENTS_PER_RECONCILE + 1);
    List<Event> first = events();
    assertThat(first).filteredOn(e -> e.getReason().equals("ImageMutableTag")).hasSize(50)
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    assertThat(first).filteredOn(e -> e.getInvolvedObject().getKind().equals("Pod")).hasSize(25);
    assertThat(first).filteredOn(e -> e.getInvolvedObject().getKind().equals("ClusterPolicy")).hasSize(26);
    assertThat(first).filteredOn(e -> e.getReason().equals(FindingEvents.SUMMARY_REASON)).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).startsWith("75 more"));

    // A new finding is announced (on its pod and on the policy); the old ones are not repeated.
    double before = reconciles();
    client.resource(latestPod(100)).create();
    await().atMost(SETTLE).until(() -> current().getStatus().summary().warning() == 101);
    await().atMost(SETTLE).until(() -> events().size() == 53);
    client.pods().inNamespace("apps").withName("web-0").edit(p -> {
      p.getMetadata().getLabels().put("touched", "yes");
      return p;
    });
    await().atMost(SETTLE).until(() -> reconciles() >= before + 2);
    assertThat(events()).hasSize(53)
        .filteredOn(e -> e.getInvolvedObject().getName().equals("web-100")).hasSize(1);
  }
}
