package dev.haguard.operator;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.clusterInfo;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.node;

import dev.haguard.analysis.Analyzer;
import dev.haguard.analysis.Rule;
import dev.haguard.analysis.images.MutableTagRule;
import dev.haguard.analysis.images.UnpinnedImageRule;
import dev.haguard.analysis.pods.BarePodRule;
import dev.haguard.policy.RuleId;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ObjectRef;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The objects, rules and settings the operator tests share. */
final class OperatorFixtures {
  private OperatorFixtures() {}

  /**
   * Rules for the operator tests, independent of the catalogue's (which other work fills): an etcd
   * that cannot lose a member is critical, a {@code :latest} image is a warning.
   */
  static final Rule NO_ETCD_TOLERANCE = (context, findings) -> {
    if (context.etcd().members() > 0 && context.etcd().remainingTolerance() == 0) {
      Pod first = context.etcd().memberPods().get(0);
      findings.report(RuleId.ETCD_NO_FAULT_TOLERANCE, ObjectRef.of(first), "etcd cannot lose a member",
          "add a member");
    }
  };
  static final Rule LATEST_TAG = (context, findings) -> {
    for (Pod pod : context.snapshot().pods()) {
      if (pod.getSpec().getContainers().get(0).getImage().endsWith(":latest")) {
        findings.report(RuleId.IMAGE_MUTABLE_TAG, ObjectRef.of(pod), "runs a :latest image", "pin it");
      }
    }
  };

  static Analyzer analyzer(Clock clock) {
    return new Analyzer(List.of(NO_ETCD_TOLERANCE, LATEST_TAG), clock);
  }

  /**
   * The operator of the Enforce tests: the remediation plan reads the findings of pod-bare,
   * image-mutable-tag and image-not-pinned, so their real rules run besides the etcd test rule.
   */
  static OperatorSettings enforceSettings() {
    OperatorSettings defaults = OperatorSettings.defaults();
    Analyzer analyzer = new Analyzer(
        List.of(NO_ETCD_TOLERANCE, new BarePodRule(), new MutableTagRule(), new UnpinnedImageRule()), defaults.clock());
    return defaults.withAnalyzer(analyzer).withoutHttp();
  }

  /** The operator of the tests: the test rules, no HTTP, no Lease, fast re-checks off (the default 5 minutes). */
  static OperatorSettings settings() {
    OperatorSettings defaults = OperatorSettings.defaults();
    return defaults.withAnalyzer(analyzer(defaults.clock())).withoutHttp();
  }

  /** Three zones, a control-plane node in each with etcd and an apiserver, a worker in each, and cluster-info. */
  static List<HasMetadata> threeZoneCluster() {
    List<HasMetadata> objects = new ArrayList<>();
    String[] zones = {"zone-a", "zone-b", "zone-c"};
    for (int i = 0; i < zones.length; i++) {
      String cp = "cp-" + i;
      objects.add(controlPlaneNode(cp, zones[i]));
      objects.add(node("worker-" + i, zones[i]));
      objects.add(etcdPod(cp));
      objects.add(apiServerPod(cp, "10.0.0." + (10 + i)));
    }
    objects.add(clusterInfo("https://10.0.0.100:6443"));
    return objects;
  }

  static ClusterPolicy policy(String name) {
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
    return policy;
  }

  static Pod latestPod(int i) {
    return TestObjects.pod("apps", "web-" + i, "worker-" + (i % 3), "nginx:latest");
  }

  /** The requests the server answered since the last call (the server keeps them in a queue). */
  static List<RecordedRequest> drain(KubernetesMockServer server) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    return requests;
  }

  static List<RecordedRequest> writes(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> !"GET".equals(r.getMethod())).toList();
  }

  static final Duration SETTLE = Duration.ofSeconds(20);
}
