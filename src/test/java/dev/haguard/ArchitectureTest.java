package dev.haguard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.haguard.snapshot.ApiEndpoints;
import dev.haguard.snapshot.IpAddresses;

/**
 * The pure core stays pure: the analysis, the policy, the snapshot model and the image reference
 * parser take objects and return results. They never call a Kubernetes client, an operator
 * framework, HTTP, a registry or etcd, and never depend on the adapters around them.
 */
@AnalyzeClasses(packages = "dev.haguard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] CORE =
      {"dev.haguard.analysis..", "dev.haguard.policy..", "dev.haguard.snapshot..", "dev.haguard.image.."};

  @ArchTest
  static final ArchRule coreCallsNoClientFrameworkOrRemote = noClasses()
      .that().resideInAnyPackage(CORE)
      .should().dependOnClassesThat(resideInAnyPackage(
          "io.fabric8.kubernetes.client.dsl..",
          "io.fabric8.kubernetes.client.informers..",
          "io.javaoperatorsdk..",
          "java.net.http..",
          "io.etcd.."))
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClientBuilder")
      .because("the analysis core takes a snapshot and a policy and returns a status; adapters do the I/O");

  @ArchTest
  static final ArchRule coreDependsOnNoAdapter = noClasses()
      .that().resideInAnyPackage(CORE)
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.haguard.registry..", "dev.haguard.operator..", "dev.haguard.cli..", "dev.haguard.demo..")
      .because("adapters depend on the core, never the other way round");

  /**
   * Name resolution happens once, in the adapter ApiEndpoints.JDK, before the snapshot is built.
   * IpAddresses hands InetAddress only strings it has checked are IP literals, which the JDK parses
   * without asking DNS (IpAddressesTest: a name comes back untouched).
   */
  @ArchTest
  static final ArchRule onlyApiEndpointsResolvesNames = noClasses()
      .that().resideInAnyPackage(CORE).and(not(equivalentTo(ApiEndpoints.class)))
      .and(not(equivalentTo(IpAddresses.class)))
      .should().dependOnClassesThat().haveFullyQualifiedName("java.net.InetAddress")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
      .because("rules read what the adapter resolved (ApiServerView.endpointKind()), they never ask DNS");

  /** Remediation decides and sequences; it writes through its WorkloadApi port, which an adapter implements. */
  @ArchTest
  static final ArchRule remediationUsesNoClientDsl = noClasses()
      .that().resideInAnyPackage("dev.haguard.remediation..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.informers..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
      .because("the fabric8 port (operator.Fabric8WorkloadApi) is the adapter; remediation stays testable with a fake");

  /**
   * Remediation's rooms (planning, handoff, pinning) meet only in the engine's package: the actions,
   * step results, the hand-off's annotations and the WorkloadApi port. The engine wires them.
   */
  @ArchTest
  static final ArchRule remediationRoomsMeetOnlyInTheEngineContract = slices()
      .matching("dev.haguard.remediation.(*)..").should().notDependOnEachOther()
      .because("a new step or planning rule changes one room; what the rooms share is the engine's contract");

  @ArchTest
  static final ArchRule etcdAndRegistryKnowNoCommandLine = noClasses()
      .that().resideInAnyPackage("dev.haguard.etcd..", "dev.haguard.registry..")
      .should().dependOnClassesThat().resideInAnyPackage("picocli..")
      .because("the command line's options live in cli; the probes and the registry client take plain values");

  /** The embedded API server is the demo's (and the tests'): the operator itself runs against a real cluster. */
  @ArchTest
  static final ArchRule onlyTheDemoUsesTheMockServer = noClasses()
      .that().resideOutsideOfPackage("dev.haguard.demo..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.fabric8.kubernetes.client.server.mock..", "io.fabric8.mockwebserver..", "okhttp3.mockwebserver..")
      .because("only dev.haguard.demo may start the embedded cluster");
}
