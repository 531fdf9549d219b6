package dev.haguard.operator;

import static dev.haguard.operator.OperatorFixtures.SETTLE;
import static dev.haguard.operator.OperatorFixtures.drain;
import static dev.haguard.operator.OperatorFixtures.policy;
import static dev.haguard.operator.OperatorFixtures.threeZoneCluster;
import static dev.haguard.operator.OperatorFixtures.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haguard.analysis.Conditions;
import dev.haguard.analysis.StatusMapper;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.api.v1alpha1.EndpointKind;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.support.EmbeddedTier;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real operator against the embedded API server: status, changes, quiet, invalid specs. */
@EmbeddedTier
class ClusterPolicyReconcilerTest extends OperatorTestBase {
  private ClusterPolicy settled(String name) {
    await().atMost(SETTLE).until(() -> {
      ClusterPolicy p = client.resources(ClusterPolicy.class).withName(name).get();
      return p != null && p.getStatus() != null
          && p.getMetadata().getGeneration().equals(p.getStatus().observedGeneration());
    });
    return client.resources(ClusterPolicy.class).withName(name).get();
  }

  @Test
  void statusAppearsAndIsWhatTheAnalysisSays() throws Exception {
    client.resource(policy("default")).create();
    startOperator();

    ClusterPolicyStatus status = settled("default").getStatus();

    List<HasMetadata> objects = new ArrayList<>(threeZoneCluster());
    ClusterSnapshot.Builder b = ClusterSnapshot.builder().addAll(objects);
    b.apiEndpoint(ApiEndpoints.resolve(b.clusterInfo().orElseThrow(), ApiEndpoints.JDK).orElseThrow());
    // The embedded server serves no report API: the operator adds ReportsWritten=False.
    ClusterPolicyStatus expected = StatusMapper.withReports(StatusMapper.forStatus().status(
        OperatorFixtures.analyzer(java.time.Clock.systemUTC()).analyze(b.build(), PolicyResolver.defaults()),
        new StatusMapper.Reconcile(1L, List.of(), null, null)), StatusMapper.ReportsWritten.NOT_SERVED, null,
        java.time.Instant.now());
    assertThat(new StoredForm(client.getKubernetesSerialization()).same(withoutTimes(expected), withoutTimes(status)))
        .as("stored %s%nexpected %s", status, expected).isTrue();
    assertThat(status.etcd().members()).isEqualTo(3);
    assertThat(status.etcd().remainingTolerance()).isEqualTo(1);
    assertThat(status.conditions()).extracting(Condition::getType).contains("Ready");
  }

  @Test
  void deletingAnEtcdPodUpdatesToleranceAndConditions() {
    client.resource(policy("default")).create();
    startOperator();
    assertThat(settled("default").getStatus().conditions())
        .filteredOn(c -> c.getType().equals("Ready")).extracting(Condition::getStatus).containsExactly("True");

    client.pods().inNamespace("kube-system").withName("etcd-cp-0").delete();

    await().atMost(SETTLE).untilAsserted(() -> {
      ClusterPolicyStatus status = client.resources(ClusterPolicy.class).withName("default").get().getStatus();
      assertThat(status.etcd().members()).isEqualTo(2);
      assertThat(status.etcd().remainingTolerance()).isZero();
      assertThat(status.conditions()).filteredOn(c -> c.getType().equals("Ready"))
          .extracting(Condition::getStatus, Condition::getReason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("False", "EtcdNoFaultTolerance"));
    });
  }

  @Test
  void aQuietClusterGetsNoFurtherWritesAndKeepsTransitionTimes() throws Exception {
    client.resource(policy("default")).create();
    startOperator();
    ClusterPolicy first = settled("default");
    drain(harness.cluster.server());

    // A change that alters nothing haguard reports: reconciles happen, and write nothing.
    for (int i = 0; i < 5; i++) {
      client.pods().inNamespace("kube-system").withName("etcd-cp-0")
          .edit(p -> { p.getMetadata().getLabels().put("touched", "x"); return p; });
      client.pods().inNamespace("kube-system").withName("etcd-cp-0")
          .edit(p -> { p.getMetadata().getLabels().remove("touched"); return p; });
    }
    await().atMost(SETTLE).until(() -> reconciles() >= 2);
    double before = reconciles();
    await().pollDelay(Duration.ofSeconds(2)).atMost(SETTLE).until(() -> true);

    List<String> writes = writes(drain(harness.cluster.server())).stream()
        .map(r -> r.getMethod() + " " + r.getPath())
        .filter(w -> !w.contains("/pods/etcd-cp-0"))
        .toList();
    assertThat(writes).isEmpty();
    assertThat(reconciles()).isGreaterThanOrEqualTo(before);
    ClusterPolicy now = client.resources(ClusterPolicy.class).withName("default").get();
    assertThat(now.getStatus()).isEqualTo(first.getStatus());
    assertThat(now.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
  }

  @Test
  void anInvalidPolicyGetsInvalidSpecAndOthersGoOn() {
    ClusterPolicy invalid = client.getKubernetesSerialization().unmarshal(
        "apiVersion: haguard.dev/v1alpha1\nkind: ClusterPolicy\nmetadata:\n  name: broken\nspec:\n  mode: Sometimes\n",
        ClusterPolicy.class);
    client.resource(invalid).create();
    client.resource(policy("default")).create();
    startOperator();

    ClusterPolicyStatus broken = settled("broken").getStatus();
    assertThat(broken.conditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(c.getReason()).isEqualTo("InvalidSpec");
      assertThat(c.getMessage()).contains("spec.mode");
    });
    assertThat(broken.etcd()).isNull();
    assertThat(broken.findings()).isNull();
    assertThat(settled("default").getStatus().etcd().members()).isEqualTo(3);
    assertThat(operator.meterRegistry().find("haguard.etcd.members").tag("policy", "broken").gauge()).isNull();
  }

  @Test
  void dnsAnswersAreReadAgainWithoutAnyWatchEvent() {
    client.configMaps().inNamespace("kube-public").withName("cluster-info").delete();
    client.resource(TestObjects.clusterInfo("https://k8s.example.test:6443")).create();
    AtomicReference<List<String>> answer = new AtomicReference<>(List.of("10.0.0.100"));
    client.resource(policy("default")).create();
    operator = harness.start(OperatorFixtures.settings()
        .withResolver(host -> answer.get()).withRecheckInterval(Duration.ofSeconds(1)));
    assertThat(settled("default").getStatus().apiServer().endpointKind()).isEqualTo(EndpointKind.LOAD_BALANCER);

    // The name now resolves to the apiservers' own addresses: DNS round robin, seen by the periodic re-check.
    answer.set(List.of("10.0.0.10", "10.0.0.11", "10.0.0.12"));
    await().atMost(SETTLE).until(() -> client.resources(ClusterPolicy.class).withName("default").get()
        .getStatus().apiServer().endpointKind() == EndpointKind.DNS_ROUND_ROBIN);
  }

  @Test
  void everyPrinterColumnOfTheCrdResolvesOnARealStatus() throws Exception {
    client.resource(policy("default")).create();
    startOperator();
    JsonNode policy = client.getKubernetesSerialization().convertValue(settled("default"), JsonNode.class);
    JsonNode crd = client.getKubernetesSerialization().unmarshal(
        Files.readString(ProjectFiles.path(EmbeddedCluster.CRD_RESOURCE)), JsonNode.class);

    JsonNode columns = crd.path("spec").path("versions").get(0).path("additionalPrinterColumns");
    assertThat(columns).isNotEmpty();
    for (JsonNode column : columns) {
      String path = column.path("jsonPath").asText();
      JsonNode value = resolve(policy, path);
      assertThat(value != null && !value.isMissingNode() && !value.isNull()).as(path).isTrue();
    }
  }

  /** The two JSONPath forms printer columns use: {@code .a.b.c} and {@code .a.list[?(@.key=="v")].field}. */
  private static JsonNode resolve(JsonNode root, String path) {
    Matcher filter = Pattern.compile("(.*)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\]\\.(\\w+)").matcher(path);
    if (filter.matches()) {
      for (JsonNode item : resolve(root, filter.group(1))) {
        if (item.path(filter.group(2)).asText().equals(filter.group(3))) {
          return item.path(filter.group(4));
        }
      }
      return null;
    }
    JsonNode node = root;
    for (String field : path.substring(1).split("\\.")) {
      node = node.path(field);
    }
    return node;
  }


  private static ClusterPolicyStatus withoutTimes(ClusterPolicyStatus status) {
    return status.withConditions(status.conditions().stream()
        .map(c -> new io.fabric8.kubernetes.api.model.ConditionBuilder(c).withLastTransitionTime(null).build())
        .toList());
  }
}
