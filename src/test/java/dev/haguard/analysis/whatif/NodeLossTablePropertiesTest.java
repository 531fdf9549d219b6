package dev.haguard.analysis.whatif;

import static dev.haguard.support.TestObjects.apiServerPod;
import static dev.haguard.support.TestObjects.boundClaim;
import static dev.haguard.support.TestObjects.controlPlaneNode;
import static dev.haguard.support.TestObjects.etcdPod;
import static dev.haguard.support.TestObjects.withClaim;
import static dev.haguard.support.TestObjects.zonalVolume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.AnalysisResult;
import dev.haguard.analysis.Analyzer;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The node loss table against what-if on generated clusters the snapshot cases do not cover: up to
 * three zones, tainted control-plane nodes with or without etcd and apiservers, workloads of 1 to 3
 * replicas on random nodes (several on one node too), and pods with zonal volumes in random zones
 * (some with no node left there).
 */
class NodeLossTablePropertiesTest {
  private static final List<String> ZONES = List.of("a", "b", "c");

  @Property(tries = 300, seed = "20261206")
  void everyNodeOfAGeneratedClusterHasTheSimulatorsVerdict(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random random = new Random(seed);
    LossCluster cluster = new LossCluster();
    List<String> zones = ZONES.subList(0, 1 + random.nextInt(3));
    List<String> nodes = new ArrayList<>();
    int controlPlanes = random.nextInt(4);
    for (int i = 0; i < controlPlanes; i++) {
      String name = "cp-" + i;
      cluster.objects.add(controlPlaneNode(name, zones.get(random.nextInt(zones.size()))));
      nodes.add(name);
      if (random.nextInt(5) > 0) {
        cluster.objects.add(etcdPod(name));
      }
      if (random.nextInt(5) > 0) {
        cluster.objects.add(apiServerPod(name, "10.0.0." + (i + 1)));
      }
    }
    int workers = 1 + random.nextInt(6);
    for (int i = 0; i < workers; i++) {
      cluster.objects.add(LossCluster.node("w-" + i, zones.get(random.nextInt(zones.size()))));
      nodes.add("w-" + i);
    }
    int workloads = random.nextInt(6);
    for (int d = 0; d < workloads; d++) {
      String[] on = new String[1 + random.nextInt(3)];
      for (int r = 0; r < on.length; r++) {
        on[r] = nodes.get(random.nextInt(nodes.size()));
      }
      String name = "app-" + d;
      cluster.web(name, on);
      if (random.nextInt(3) == 0) {
        String claim = "data-" + name;
        String zone = ZONES.get(random.nextInt(ZONES.size())); // sometimes a zone with no node at all
        cluster.objects.add(zonalVolume("pv-" + name, zone));
        cluster.objects.add(boundClaim("shop", claim, "pv-" + name));
        cluster.objects.replaceAll(o -> o instanceof Pod p && p.getMetadata().getName().startsWith(name + "-")
            && p.getMetadata().getName().endsWith("-0") ? withClaim(p, claim) : o);
      }
    }
    List<HasMetadata> objects = cluster.objects;
    ClusterSnapshot snapshot = ClusterSnapshot.builder().addAll(objects).build();
    AnalysisResult result = Analyzer.standard(Clock.systemUTC()).analyze(snapshot, PolicyResolver.defaults());

    assertThat(snapshot.nodes()).hasSize(nodes.size());
    NodeLossTableDifferentialTest.assertEveryNodeAsSimulated("seed " + seed, snapshot, result);
  }
}
