package dev.haguard.install;

import dev.haguard.report.openreports.ReportApi;
import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every API call haguard makes, as RBAC sees it: the one table to check against the operator's
 * code. {@link RbacTest} asserts that config/default with config/enforce grants haguard's ServiceAccount exactly this,
 * nothing more, and config/default exactly {@link #READ_ONLY}; {@link RbacDynamicTest} records the
 * calls the operator and the remediation engine make and asserts that they are exactly this. When the operator starts (or stops) making a call,
 * change this table first, then config/rbac.
 */
final class RequiredPermissions {
  /** The namespace of a cluster-wide grant (a ClusterRole bound by a ClusterRoleBinding). */
  static final String CLUSTER_WIDE = "*";
  /** The resource name of a grant that is not limited to named objects. */
  static final String ANY_NAME = "*";
  static final String OPERATOR_NAMESPACE = "haguard-system";

  /** One (scope, group, resource, name) and the verbs haguard uses on it. */
  record Permission(String namespace, String apiGroup, String resource, String resourceName, Set<String> verbs) {
    GrantKey key() {
      return new GrantKey(namespace, apiGroup, resource, resourceName);
    }
  }

  /** Where a grant applies: namespace (or {@link #CLUSTER_WIDE}), API group, resource, name (or {@link #ANY_NAME}). */
  record GrantKey(String namespace, String apiGroup, String resource, String resourceName) {}

  private static final String WATCH = "list,watch";

  /**
   * The policy reports (ReportWriter): listed by label, created, updated, deleted, in both report APIs;
   * their owner reference's blockOwnerDeletion needs update on the policy's finalizers (checked by
   * OwnerReferencesPermissionEnforcement where it runs, never called).
   */
  static final List<Permission> REPORT_WRITES = Stream.concat(
      Stream.of(ReportApi.values()).flatMap(api -> api.kinds().stream()).map(kind ->
          cluster(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), "list,create,update,delete")),
      Stream.of(cluster("haguard.dev", "clusterpolicies/finalizers", "update"))).toList();

  /**
   * Every call but Enforce's writes: what the default install grants. It is read-only on the
   * cluster's own objects; it writes only haguard's own: status, Events, Lease, policy reports.
   */
  static final List<Permission> READ_ONLY = Stream.of(
      // The snapshot: an informer on every kind of the read-set, cluster-wide or on its named objects only.
      ReadSet.ENTRIES.stream().map(RequiredPermissions::watch),
      Stream.of(
        // The policies (informer) and their status (a JSON patch to /status).
        cluster("haguard.dev", "clusterpolicies", WATCH),
        cluster("haguard.dev", "clusterpolicies/status", "patch"),
        // Events on the policy and on the objects findings and remediation steps are about, each created once.
        cluster("", "events", "create"),
        // Enforce reads what it changes fresh (get); a pinned workload's ServiceAccount names its pull secrets.
        cluster("", "pods", "get"),
        cluster("apps", "deployments", "get"),
        cluster("apps", "statefulsets", "get"),
        cluster("apps", "daemonsets", "get"),
        cluster("batch", "cronjobs", "get"),
        cluster("", "serviceaccounts", "get"),
        // Leader election, in the operator's own namespace: fabric8 gets, creates and patches the
        // Lease; JOSDK's start-up check asks for get, create and update.
        new Permission(OPERATOR_NAMESPACE, "coordination.k8s.io", "leases", ANY_NAME,
            verbs("get,create,update,patch"))),
      REPORT_WRITES.stream()).flatMap(s -> s).toList();

  /** list,watch on a read-set kind: cluster-wide, by name, or (a Service's objects, by label) on any name. */
  private static Permission watch(ReadSet.Entry kind) {
    String group = HasMetadata.getGroup(kind.type());
    String resource = HasMetadata.getPlural(kind.type());
    if (kind.clusterWide()) {
      return cluster(group, resource, WATCH);
    }
    String name = kind.named().ofService() ? ANY_NAME : kind.named().name();
    return new Permission(kind.named().namespace(), group, resource, name, verbs(WATCH));
  }

  /**
   * Enforce's writes (the opt-in config/enforce, or per namespace config/enforce-namespaced): a bare
   * Pod becomes a Deployment (the hand-off recorded in annotations of both), then the bare Pod goes;
   * images pinned to digests.
   */
  static final List<Permission> ENFORCE_WRITES = List.of(
      cluster("apps", "deployments", "create,patch,delete"),
      cluster("", "pods", "patch,delete"),
      cluster("apps", "statefulsets", "patch"),
      cluster("apps", "daemonsets", "patch"),
      cluster("batch", "cronjobs", "patch"));

  /** Every call, in every mode. */
  static final List<Permission> OPERATOR = Stream.concat(READ_ONLY.stream(), ENFORCE_WRITES.stream()).toList();

  /** Verbs that change something; a read-only install grants none of them outside {@link #SELF}. */
  static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

  /** Resources haguard writes in every mode: its own status, Events, Lease and policy reports. */
  static final Set<String> SELF = Set.of("clusterpolicies/status", "events", "leases", "reports", "clusterreports",
      "policyreports", "clusterpolicyreports", "clusterpolicies/finalizers");

  private RequiredPermissions() {}

  private static Permission cluster(String apiGroup, String resource, String verbs) {
    return new Permission(CLUSTER_WIDE, apiGroup, resource, ANY_NAME, verbs(verbs));
  }

  private static Set<String> verbs(String commaSeparated) {
    return Set.of(commaSeparated.split(","));
  }
}
