package dev.haguard.remediation;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.api.v1alpha1.Mode;
import dev.haguard.api.v1alpha1.PinScope;
import dev.haguard.api.v1alpha1.PinSource;
import dev.haguard.policy.InvalidPolicyException;
import dev.haguard.policy.Policy;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.PolicySpecBuilder;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;

/** Test objects and policies for remediation tests, valid by default and changed one field at a time. */
public final class Fixtures {
  public static final String NS = "shop";
  public static final String DIGEST_A = "sha256:" + "a".repeat(64);
  public static final String DIGEST_B = "sha256:" + "b".repeat(64);
  public static final String DIGEST_C = "sha256:" + "c".repeat(64);

  private Fixtures() {}

  public static Policy policy(Mode mode, PinScope scope, PinSource source) {
    try {
      return PolicySpecBuilder.spec().mode(mode).pin(scope, source).barePods(true, 300).resolve();
    } catch (InvalidPolicyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the remediation pass plans from: the analysis of {@code snapshot} under {@code policy}. */
  public static AnalysisResult analysed(ClusterSnapshot snapshot, Policy policy) {
    return Analyzer.standard(Clock.systemUTC()).analyze(snapshot, policy);
  }

  public static Policy enforce() {
    return policy(Mode.ENFORCE, PinScope.MUTABLE_TAGS, PinSource.RUNNING);
  }

  /** A Ready bare pod running {@code image}, whose status reports {@code digest} (null: none). */
  public static Pod barePod(String name, String image, String digest) {
    Pod pod = TestObjects.pod(NS, name, "node-1", image);
    return digest == null ? pod : runs(pod, "app", digest);
  }

  /** {@code pod} with a container status saying {@code container} runs {@code digest}. */
  public static Pod runs(Pod pod, String container, String digest) {
    String image = pod.getSpec().getContainers().get(0).getImage();
    return new PodBuilder(pod).editStatus().addNewContainerStatus().withName(container).withReady(true)
        .withImage(image).withImageID("docker-pullable://" + image.split("[:@]")[0] + "@" + digest)
        .endContainerStatus().endStatus().build();
  }

  public static Pod withClaim(Pod pod, String claim) {
    return new PodBuilder(pod).editSpec()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim()
        .endVolume()
        .editFirstContainer().addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
        .endContainer().endSpec().build();
  }

  public static PersistentVolumeClaim claim(String name, String accessMode) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(NS).withName(name)
        .withUid(TestObjects.uid()).endMetadata()
        .withNewSpec().withAccessModes(accessMode).endSpec().build();
  }
}
