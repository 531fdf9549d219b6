package dev.haguard.install;

import static dev.haguard.install.RequiredPermissions.ANY_NAME;
import static dev.haguard.install.RequiredPermissions.CLUSTER_WIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.install.RequiredPermissions.GrantKey;
import dev.haguard.operator.HaguardOperator;
import dev.haguard.operator.OperatorSettings;
import dev.haguard.operator.ReportsWalkthrough;
import dev.haguard.demo.EmbeddedCluster;
import dev.haguard.remediation.RemediationWalkthrough;
import dev.haguard.support.FaultProxy;
import dev.haguard.support.RealTier;
import dev.haguard.support.TestObjects;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.demo.SimulatedControllers;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, measured: the real operator (with its Lease, its informers, its status and
 * Events, in Enforce mode: a hand-off, pins from running pods and from a registry with pull
 * secrets) and the remediation engine alone (a hand-off, a roll-back, pins of every kind of
 * workload) and the report writer (both report APIs) run against the embedded API server through a recording proxy; every request they make must be granted by what
 * config/default with the component config/enforce installs, and everything installed must be used by some
 * request (so config/rbac and config/remediation grant nothing the code does not need), and the table
 * {@link RequiredPermissions} must say exactly that. The default install (config/default) grants every
 * one of those requests but Enforce's writes.
 */
@RealTier
class RbacDynamicTest {
  /** POSTed by JOSDK at start-up to check its Lease access; every authenticated user may (system:basic-user). */
  private static final String SELF_REVIEW = "selfsubjectrulesreviews";
  /**
   * What that check asks for (JOSDK 5.2's LeaderElectionManager): without all three on leases in
   * the Lease's namespace the operator does not start, whether or not it then calls them.
   */
  private static final List<String> LEASE_CHECK = List.of("get", "create", "update");

  /**
   * An object that owns with blockOwnerDeletion: where the OwnerReferencesPermissionEnforcement
   * admission plugin runs, writing it needs update on the owner's finalizers (a report's owner is its ClusterPolicy).
   */
  private static final String BLOCKS_OWNER_DELETION = "\"blockOwnerDeletion\":true";
  private static final Set<String> REPORTS = Set.of("reports", "clusterreports", "policyreports", "clusterpolicyreports");

  private static final List<ApiCall> CALLS = new ArrayList<>();
  private static Map<GrantKey, Set<String>> grants;
  private static Map<GrantKey, Set<String>> defaultGrants;

  @BeforeAll
  static void recordEveryCall() throws Exception {
    grants = RbacTest.grants(Kustomize.renderDefaultWith("config/enforce").objects());
    defaultGrants = RbacTest.grants(Kustomize.render("config/default").objects());
    try (EmbeddedCluster cluster = EmbeddedCluster.start();
        FaultProxy proxy = FaultProxy.start(cluster.client().getMasterUrl().toString());
        KubernetesClient recorded = new KubernetesClientBuilder().withConfig(
            new ConfigBuilder(cluster.client().getConfiguration()).withMasterUrl(proxy.url()).build()).build()) {
      cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/" + SELF_REVIEW)
          .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewMetadata().withName("review").endMetadata()
              .withNewStatus().withIncomplete(false).addNewResourceRule().withApiGroups("coordination.k8s.io")
              .withResources("leases").withVerbs("get", "create", "update").endResourceRule().endStatus().build())
          .always();
      runOperator(cluster, recorded, proxy);
      RemediationWalkthrough.run(recorded, cluster.client());
      ReportsWalkthrough.run(cluster.server(), recorded, cluster.client());
      proxy.requests().forEach(r -> ApiCall.of(r).ifPresent(call -> {
        if (call.resource().equals(SELF_REVIEW)) {
          LEASE_CHECK.forEach(verb -> CALLS.add(
              new ApiCall(RequiredPermissions.OPERATOR_NAMESPACE, "coordination.k8s.io", "leases", null, verb)));
        } else {
          CALLS.add(call);
        }
        if (REPORTS.contains(call.resource()) && r.body() != null && r.body().contains(BLOCKS_OWNER_DELETION)) {
          CALLS.add(new ApiCall(null, "haguard.dev", "clusterpolicies/finalizers", null, "update"));
        }
      }));
    }
  }

  /**
   * The operator with leader election and an Enforce policy, on a cluster with findings (Events), a
   * bare pod to hand off and a Deployment to pin from a registry (with pull secrets, so that its
   * ServiceAccount and Secret are read; the registry does not answer), until all of it is done.
   * The demo's simulated controllers play the Deployment controller and the kubelet.
   */
  private static void runOperator(EmbeddedCluster cluster, KubernetesClient recorded, FaultProxy proxy) {
    KubernetesClient direct = cluster.client();
    cluster.seed(List.of(TestObjects.controlPlaneNode("cp-0", "zone-a"), TestObjects.etcdPod("cp-0"),
        TestObjects.apiServerPod("cp-0", "10.0.0.10"), TestObjects.clusterInfo("https://10.0.0.10:6443"),
        TestObjects.runningDigest(TestObjects.pod("apps", "web", "cp-0", "nginx:latest"), TestObjects.digest('a'))));
    Deployment fromRegistry = new DeploymentBuilder(TestObjects.deployment("apps", "remote", 1, "127.0.0.1:9/app:latest"))
        .editSpec().editTemplate().editSpec().withServiceAccountName("builder").addNewImagePullSecret("regcred")
        .endSpec().endTemplate().endSpec().build();
    direct.resource(fromRegistry).create();
    ClusterPolicy policy = new ClusterPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("default").build());
    ObjectNode spec = JsonNodeFactory.instance.objectNode().put("mode", "Enforce");
    spec.putObject("images").put("pinSource", "Registry"); // the simulated kubelet's digests would spare the registry
    policy.setRawSpec(spec);
    direct.resource(policy).create();
    OperatorSettings settings = OperatorSettings.defaults().withoutHttp().withResolver(host -> List.of())
        .withLeaderElection(new OperatorSettings.LeaderElection("haguard-system", Optional.of("a"), false));
    try (SimulatedControllers controllers = SimulatedControllers.start(direct);
        HaguardOperator operator = new HaguardOperator(recorded, settings)) {
      operator.start();
      await().atMost(Duration.ofSeconds(60)).until(() ->
          direct.pods().inNamespace("apps").withName("web").get() == null
              && direct.resources(ClusterPolicy.class).withName("default").get().getStatus() != null
              && !direct.v1().events().inAnyNamespace().list().getItems().isEmpty()
              && proxy.requests().stream().anyMatch(r -> r.path().endsWith("/secrets/regcred")));
    }
  }

  @AfterAll
  static void figures() {
    System.out.println("RbacDynamicTest: " + CALLS.size() + " API calls recorded, " + new TreeSet<>(
        CALLS.stream().map(ApiCall::toString).toList()).size() + " distinct");
  }

  @Test
  void secretsAreOnlyReadOneByNameWithTheOptInRole() {
    assertThat(CALLS).filteredOn(c -> c.resource().equals("secrets")).as("pull secrets were looked up").isNotEmpty()
        .allSatisfy(c -> {
          assertThat(c.verb()).isEqualTo("get");
          assertThat(c.name()).isNotNull();
        });
  }

  @Test
  void everyCallIsGranted() {
    List<String> denied = CALLS.stream()
        .filter(c -> !c.resource().equals("secrets")) // the opt-in role, granted per Secret by the admin
        .filter(c -> usedGrant(c).isEmpty())
        .map(ApiCall::toString)
        .distinct().toList();

    assertThat(denied).as("calls config/default + config/enforce does not grant").isEmpty();
  }

  @Test
  void theDefaultInstallDeniesOnlyEnforcesWritesToWorkloads() {
    List<ApiCall> denied = CALLS.stream()
        .filter(c -> !c.resource().equals("secrets"))
        .filter(c -> usedGrant(defaultGrants, c).isEmpty())
        .toList();

    assertThat(denied).as("the Enforce run makes writes the default install refuses").isNotEmpty()
        .allSatisfy(c -> {
          assertThat(RequiredPermissions.WRITE_VERBS).as("%s", c).contains(c.verb());
          assertThat(RequiredPermissions.SELF).as("%s", c).doesNotContain(c.resource());
        });
    assertThat(CALLS).filteredOn(c -> RequiredPermissions.SELF.contains(c.resource()))
        .as("its own status, Events and Lease").isNotEmpty()
        .allSatisfy(c -> assertThat(usedGrant(defaultGrants, c)).as("%s", c).isPresent());
  }

  @Test
  void everyGrantIsUsed() {
    Set<String> used = new TreeSet<>();
    CALLS.forEach(c -> usedGrant(c).ifPresent(used::add));
    Set<String> granted = new TreeSet<>();
    grants.forEach((key, verbs) -> verbs.forEach(v -> granted.add(describe(key, v))));

    granted.removeAll(used);
    assertThat(granted).as("grants no recorded call needs").isEmpty();
  }

  @Test
  void theTableSaysWhatTheCodeDoes() {
    Set<String> table = new TreeSet<>();
    RequiredPermissions.OPERATOR.forEach(p -> p.verbs().forEach(v -> table.add(describe(p.key(), v))));
    Set<String> used = new TreeSet<>();
    CALLS.forEach(c -> usedGrant(c).ifPresent(used::add));

    assertThat(table).containsExactlyInAnyOrderElementsOf(used);
  }

  /** The grant (key and verb) that allows {@code call}, the narrowest (named, then namespaced) first; empty when none does. */
  private static Optional<String> usedGrant(ApiCall call) {
    return usedGrant(grants, call);
  }

  private static Optional<String> usedGrant(Map<GrantKey, Set<String>> grants, ApiCall call) {
    return grants.entrySet().stream()
        .filter(g -> g.getValue().contains(call.verb()))
        .map(Map.Entry::getKey)
        .filter(key -> key.namespace().equals(CLUSTER_WIDE) || key.namespace().equals(call.namespace()))
        .filter(key -> key.resourceName().equals(ANY_NAME) || key.resourceName().equals(call.name()))
        .filter(key -> key.apiGroup().equals(call.apiGroup()) && key.resource().equals(call.resource()))
        .max(Comparator.comparingInt((GrantKey key) -> key.resourceName().equals(ANY_NAME) ? 0 : 2)
            .thenComparingInt(key -> key.namespace().equals(CLUSTER_WIDE) ? 0 : 1))
        .map(key -> describe(key, call.verb()));
  }

  private static String describe(GrantKey key, String verb) {
    return verb + " " + (key.apiGroup().isEmpty() ? "" : key.apiGroup() + "/") + key.resource()
        + (key.resourceName().equals(ANY_NAME) ? "" : " " + key.resourceName())
        + (key.namespace().equals(CLUSTER_WIDE) ? "" : " in " + key.namespace());
  }
}
