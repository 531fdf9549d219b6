package dev.haguard.remediation.planning;

import static dev.haguard.remediation.Fixtures.DIGEST_A;
import static dev.haguard.remediation.Fixtures.DIGEST_B;
import static dev.haguard.remediation.Fixtures.DIGEST_C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.remediation.DigestChoice;
import dev.haguard.remediation.Fixtures;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestChooserTest {
  private static final String IMAGE = "nginx:latest";

  private static Pod running(String digest) {
    return Fixtures.runs(TestObjects.pod(Fixtures.NS, "p-" + digest.charAt(7), "node-1", IMAGE), "app", digest);
  }

  @Test
  void takesTheDigestTheReadyPodsRun() {
    DigestChoice choice = DigestChooser.choose(List.of(running(DIGEST_A), running(DIGEST_A)), "app", IMAGE,
        PinSource.RUNNING);

    assertThat(choice).isInstanceOfSatisfying(DigestChoice.Known.class,
        k -> assertThat(k.digest()).isEqualTo(DIGEST_A));
  }

  @Test
  void driftWithAStrictMajorityPinsTheMajority() {
    DigestChoice choice = DigestChooser.choose(
        List.of(running(DIGEST_A), running(DIGEST_B), running(DIGEST_B)), "app", IMAGE, PinSource.RUNNING);

    assertThat(choice).isInstanceOfSatisfying(DigestChoice.Known.class,
        k -> assertThat(k.digest()).isEqualTo(DIGEST_B));
  }

  @Test
  void driftWithoutAStrictMajorityIsRefused() {
    assertThat(DigestChooser.choose(List.of(running(DIGEST_A), running(DIGEST_B)), "app", IMAGE, PinSource.RUNNING))
        .isInstanceOf(DigestChoice.Refused.class);
    assertThat(DigestChooser.choose(List.of(running(DIGEST_A), running(DIGEST_B), running(DIGEST_C)), "app", IMAGE,
        PinSource.RUNNING)).isInstanceOf(DigestChoice.Refused.class);
  }

  @Test
  void podsThatAreNotReadyOrRunAnOlderTemplateDoNotVote() {
    Pod old = Fixtures.runs(TestObjects.pod(Fixtures.NS, "old", "node-1", "nginx:1.25"), "app", DIGEST_B);
    DigestChoice choice = DigestChooser.choose(
        List.of(running(DIGEST_A), TestObjects.notReady(running(DIGEST_B)), old), "app", IMAGE, PinSource.RUNNING);

    assertThat(choice).isInstanceOfSatisfying(DigestChoice.Known.class,
        k -> assertThat(k.digest()).isEqualTo(DIGEST_A));
  }

  @Test
  void noReadyPodOrRegistrySourceAsksTheRegistry() {
    assertThat(DigestChooser.choose(List.of(), "app", IMAGE, PinSource.RUNNING))
        .isInstanceOf(DigestChoice.AskRegistry.class);
    assertThat(DigestChooser.choose(List.of(TestObjects.notReady(running(DIGEST_A))), "app", IMAGE, PinSource.RUNNING))
        .isInstanceOf(DigestChoice.AskRegistry.class);
    assertThat(DigestChooser.choose(List.of(running(DIGEST_A)), "app", IMAGE, PinSource.REGISTRY))
        .isInstanceOf(DigestChoice.AskRegistry.class);
  }
}
