package dev.haguard.install;

import static dev.haguard.install.RequiredPermissions.ANY_NAME;
import static dev.haguard.install.RequiredPermissions.CLUSTER_WIDE;
import static dev.haguard.install.RequiredPermissions.OPERATOR_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.install.Kustomize.Rendered;
import dev.haguard.install.RequiredPermissions.GrantKey;
import dev.haguard.install.RequiredPermissions.Permission;
import dev.haguard.policy.PolicyResolver;
import dev.haguard.support.ProjectFiles;
import dev.haguard.support.RealTier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked on what {@code kubectl apply -k} would install, per overlay: config/default
 * (Audit, read-only), config/enforce (plus Enforce's writes cluster-wide) and config/enforce-namespaced
 * (plus Enforce's writes in the namespaces it binds).
 */
@RealTier
class RbacTest {
  private static final String SERVICE_ACCOUNT = "haguard";
  private static final Set<String> BUILT_IN_POWER_ROLES = Set.of("cluster-admin", "admin", "edit");

  private static Rendered install;
  private static Rendered enforce;
  private static Rendered enforceNamespaced;
  private static List<HasMetadata> secretReader;

  @BeforeAll
  static void render() throws Exception {
    install = Kustomize.render("config/default");
    enforce = Kustomize.render("config/enforce");
    enforceNamespaced = Kustomize.render("config/enforce-namespaced");
    secretReader = Kustomize.parse(Files.readString(ProjectFiles.path("config/rbac/secret_reader_role.yaml")));
  }

  @Test
  void theDefaultInstallGrantsExactlyTheReadOnlyCalls() {
    assertThat(grants(install.objects())).containsExactlyInAnyOrderEntriesOf(table(RequiredPermissions.READ_ONLY));
  }

  @Test
  void theDefaultInstallWritesNothingButItsStatusEventsAndLease() {
    Map<GrantKey, Set<String>> grants = grants(install.objects());
    assertThat(grants).isNotEmpty().allSatisfy((key, verbs) -> {
      if (!RequiredPermissions.SELF.contains(key.resource())) {
        assertThat(verbs).as("%s", key).doesNotContainAnyElementsOf(RequiredPermissions.WRITE_VERBS);
      }
    });
    assertThat(grants).anySatisfy((key, verbs) -> assertThat(RequiredPermissions.SELF).contains(key.resource()));
  }

  @Test
  void theEnforceOverlayGrantsExactlyTheCallsTheOperatorMakes() {
    assertThat(grants(enforce.objects())).containsExactlyInAnyOrderEntriesOf(table(RequiredPermissions.OPERATOR));
  }

  @Test
  void theNamespacedEnforceOverlayGrantsTheWritesOnlyInTheNamespacesItBinds() {
    List<String> bound = enforceNamespaced.all(RoleBinding.class).stream()
        .filter(b -> b.getRoleRef().getName().equals("haguard-remediation"))
        .map(b -> b.getMetadata().getNamespace()).toList();
    assertThat(bound).isNotEmpty().doesNotContainAnyElementsOf(PolicyResolver.defaults().excludedNamespaces())
        .doesNotContain(OPERATOR_NAMESPACE);
    assertThat(enforceNamespaced.all(ClusterRoleBinding.class))
        .noneMatch(b -> b.getRoleRef().getName().equals("haguard-remediation"));

    Map<GrantKey, Set<String>> expected = table(RequiredPermissions.READ_ONLY);
    for (String namespace : bound) {
      for (Permission p : RequiredPermissions.ENFORCE_WRITES) {
        expected.computeIfAbsent(new GrantKey(namespace, p.apiGroup(), p.resource(), p.resourceName()),
            k -> new TreeSet<>()).addAll(p.verbs());
      }
    }
    assertThat(grants(enforceNamespaced.objects())).containsExactlyInAnyOrderEntriesOf(expected);
  }

  private static Map<GrantKey, Set<String>> table(List<Permission> permissions) {
    Map<GrantKey, Set<String>> table = new TreeMap<>(RbacTest::compare);
    for (Permission p : permissions) {
      table.computeIfAbsent(p.key(), k -> new TreeSet<>()).addAll(p.verbs());
    }
    return table;
  }

  @Test
  void noWildcardAnywhere() {
    for (PolicyRule rule : allRules()) {
      Stream.of(rule.getVerbs(), rule.getResources(), rule.getApiGroups(), rule.getResourceNames())
          .filter(Objects::nonNull)
          .forEach(values -> assertThat(values).as("%s", rule).noneMatch(v -> v.contains("*")));
      assertThat(rule.getNonResourceURLs()).as("%s", rule).isNullOrEmpty();
    }
  }

  @Test
  void noBuiltInPowerfulRoleIsBound() {
    List<RoleRef> refs = new ArrayList<>();
    Stream.of(install, enforce, enforceNamespaced).forEach(r -> {
      r.all(ClusterRoleBinding.class).forEach(b -> refs.add(b.getRoleRef()));
      r.all(RoleBinding.class).forEach(b -> refs.add(b.getRoleRef()));
    });
    assertThat(refs).isNotEmpty().allSatisfy(ref -> {
      assertThat(ref.getName()).isNotIn(BUILT_IN_POWER_ROLES).doesNotStartWith("system:");
      assertThat(ref.getName()).startsWith("haguard-");
    });
  }

  @Test
  void everyBindingNamesOnlyHaguardsServiceAccount() {
    assertThat(install.find(ServiceAccount.class, SERVICE_ACCOUNT))
        .hasValueSatisfying(sa -> assertThat(sa.getMetadata().getNamespace()).isEqualTo(OPERATOR_NAMESPACE));
    List<Subject> subjects = new ArrayList<>();
    Stream.of(install, enforce, enforceNamespaced).forEach(r -> {
      r.all(ClusterRoleBinding.class).forEach(b -> subjects.addAll(b.getSubjects()));
      r.all(RoleBinding.class).forEach(b -> subjects.addAll(b.getSubjects()));
    });
    assertThat(subjects).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(SERVICE_ACCOUNT);
      assertThat(s.getNamespace()).isEqualTo(OPERATOR_NAMESPACE);
    });
  }

  @Test
  void theInstallNeverGrantsSecrets() {
    assertThat(install.get(ClusterRole.class, "haguard-manager").getRules())
        .noneMatch(rule -> rule.getResources().contains("secrets"));
    Stream.of(install, enforce, enforceNamespaced).forEach(r -> {
      assertThat(allRules(r)).noneMatch(rule -> rule.getResources().contains("secrets"));
      assertThat(r.yaml()).doesNotContain("haguard-secret-reader");
    });
  }

  @Test
  void theOptInSecretReaderOnlyGetsNamedSecretsInOneNamespace() {
    Role role = secretReader.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
    assertThat(secretReader).noneMatch(ClusterRole.class::isInstance).noneMatch(ClusterRoleBinding.class::isInstance);
    assertThat(role.getMetadata().getNamespace()).isNotBlank();
    assertThat(role.getRules()).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.getResources()).containsExactly("secrets");
      assertThat(rule.getVerbs()).containsExactly("get");
      assertThat(rule.getResourceNames()).as("secrets must be named").isNotEmpty();
    });
    assertThat(grants(secretReader)).isNotEmpty().allSatisfy((key, verbs) -> {
      assertThat(key.namespace()).isEqualTo(role.getMetadata().getNamespace());
      assertThat(key.resourceName()).isNotEqualTo(ANY_NAME);
    });
  }

  @Test
  void leasesAreGrantedOnlyInTheOperatorNamespace() {
    assertThat(install.all(ClusterRole.class))
        .allSatisfy(r -> assertThat(r.getRules()).noneMatch(rule -> rule.getResources().contains("leases")));
    assertThat(grants(install.objects()).keySet())
        .filteredOn(key -> key.resource().equals("leases"))
        .isNotEmpty()
        .allSatisfy(key -> assertThat(key.namespace()).isEqualTo(OPERATOR_NAMESPACE));
  }

  /** What haguard's ServiceAccount may do, following the bindings in {@code objects} to their roles. */
  static Map<GrantKey, Set<String>> grants(List<HasMetadata> objects) {
    Map<GrantKey, Set<String>> grants = new TreeMap<>(RbacTest::compare);
    for (HasMetadata o : objects) {
      if (o instanceof ClusterRoleBinding b && bindsHaguard(b.getSubjects())) {
        addRules(grants, CLUSTER_WIDE, role(objects, b.getRoleRef(), null));
      } else if (o instanceof RoleBinding b && bindsHaguard(b.getSubjects())) {
        addRules(grants, b.getMetadata().getNamespace(), role(objects, b.getRoleRef(), b.getMetadata().getNamespace()));
      }
    }
    return grants;
  }

  private static boolean bindsHaguard(List<Subject> subjects) {
    return subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind()) && SERVICE_ACCOUNT.equals(s.getName())
        && OPERATOR_NAMESPACE.equals(s.getNamespace()));
  }

  /** The rules of the role a binding refers to; a reference to a role that is not installed fails. */
  private static List<PolicyRule> role(List<HasMetadata> objects, RoleRef ref, String bindingNamespace) {
    return objects.stream()
        .filter(o -> o.getKind().equals(ref.getKind()) && o.getMetadata().getName().equals(ref.getName()))
        .filter(o -> o instanceof ClusterRole || o.getMetadata().getNamespace().equals(bindingNamespace))
        .map(o -> o instanceof Role r ? r.getRules() : ((ClusterRole) o).getRules())
        .findFirst()
        .orElseThrow(() -> new AssertionError("binding refers to " + ref.getKind() + " " + ref.getName()
            + ", which is not installed"));
  }

  private static void addRules(Map<GrantKey, Set<String>> grants, String namespace, List<PolicyRule> rules) {
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
          ? List.of(ANY_NAME) : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String name : names) {
            grants.computeIfAbsent(new GrantKey(namespace, group, resource, name), k -> new TreeSet<>())
                .addAll(rule.getVerbs());
          }
        }
      }
    }
  }

  private static List<PolicyRule> allRules() {
    List<PolicyRule> rules = new ArrayList<>(allRules(install));
    rules.addAll(allRules(enforce));
    rules.addAll(allRules(enforceNamespaced));
    secretReader.stream().filter(Role.class::isInstance).forEach(r -> rules.addAll(((Role) r).getRules()));
    return rules;
  }

  private static List<PolicyRule> allRules(Rendered rendered) {
    List<PolicyRule> rules = new ArrayList<>();
    rendered.all(Role.class).forEach(r -> rules.addAll(r.getRules()));
    rendered.all(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
    return rules;
  }

  private static int compare(GrantKey a, GrantKey b) {
    return a.toString().compareTo(b.toString());
  }
}
