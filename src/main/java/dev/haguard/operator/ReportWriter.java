package dev.haguard.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.analysis.StatusMapper.ReportsWritten;
import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.report.ReportInput;
import dev.haguard.report.openreports.PolicyReports;
import dev.haguard.report.openreports.ReportApi;
import dev.haguard.report.openreports.ResultsReport;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a policy's findings as policy reports ({@link PolicyReports}, the same ones {@code audit -o
 * openreports} prints), in the report API discovery finds: openreports.io/v1alpha1, else
 * wgpolicyk8s.io/v1alpha2, else none. A report is written only when its content changed, and a
 * report no longer wanted (a namespace without findings any more) is deleted. Each report is owned by
 * its ClusterPolicy, so the API server's garbage collector deletes it with the policy.
 *
 * <p>No informer on reports: which kinds to watch is only known after discovery, and a watch would
 * hold every report in memory a second time. Instead the writer remembers what it listed and wrote
 * per policy, and at most once per {@code recheck} interval asks discovery again (a report CRD
 * installed or removed later) and lists its reports again (one LIST per kind, by label: a report
 * edited or deleted by hand is put right then). In between, a quiet cluster costs no request.
 */
final class ReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration recheck;
  private final HaguardMetrics metrics;
  /** The report API discovery found (empty: none served) and when; null until first asked. */
  private volatile Discovered discovered;
  /** Per policy: its reports as the API server holds them after the last LIST or write. */
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  private record Discovered(Optional<ReportApi> api, Instant at) {}

  private record Known(ReportApi api, Map<Key, ResultsReport> reports, Instant listedAt) {}

  /** Where a report lives; its apiVersion tells the two APIs' kinds apart. */
  private record Key(String apiVersion, String kind, String namespace, String name) {
    static Key of(HasMetadata report) {
      return new Key(report.getApiVersion(), report.getKind(), report.getMetadata().getNamespace(),
          report.getMetadata().getName());
    }
  }

  ReportWriter(KubernetesClient client, Clock clock, Duration recheck, HaguardMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.recheck = recheck;
    this.metrics = metrics;
  }

  /**
   * Brings {@code policy}'s reports in line with {@code input}; says what it did, for the status. A
   * refused request (discovery, a LIST or a write) does not fail the reconcile: the status says so,
   * and the next reconcile tries again.
   */
  ReportsWritten write(ClusterPolicy policy, ReportInput input) {
    String name = policy.getMetadata().getName();
    String apiVersion = null;
    try {
      Optional<ReportApi> api = api();
      if (api.isEmpty()) {
        return ReportsWritten.NOT_SERVED;
      }
      apiVersion = api.get().apiVersion();
      List<ResultsReport> desired = PolicyReports.of(input, api.get(), PolicyReports.MAX_RESULTS);
      desired.forEach(report -> report.getMetadata().setOwnerReferences(List.of(ownedBy(policy))));
      Map<Key, ResultsReport> held = held(name, api.get());
      for (ResultsReport report : desired) {
        ResultsReport stored = held.get(Key.of(report));
        if (stored == null) {
          held.put(Key.of(report), counted(report, "created", () -> client.resource(report).create()));
        } else if (!content(report).equals(content(stored))) {
          report.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
          held.put(Key.of(report), counted(report, "updated", () -> client.resource(report).update()));
        }
      }
      List<Key> wanted = desired.stream().map(Key::of).toList();
      for (Key stale : held.keySet().stream().filter(k -> !wanted.contains(k)).toList()) {
        counted(held.get(stale), "deleted", () -> client.resource(held.get(stale)).delete());
        held.remove(stale);
      }
      return new ReportsWritten(apiVersion, desired.size(), null);
    } catch (KubernetesClientException e) {
      // What the server holds is unknown now (a conflict, a write half done): list again next time.
      known.remove(name);
      if (apiVersion == null || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        discovered = null; // discovery failed, or the CRD went away: ask again
      }
      String why = e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getCode() + " " + e.getStatus().getMessage() : e.getMessage();
      LOG.warn("ClusterPolicy {}: writing reports failed: {}", name, why);
      return new ReportsWritten(apiVersion, 0, why);
    }
  }

  /** Forgets a deleted policy; its reports go with it through their owner reference. */
  void forget(String policy) {
    known.remove(policy);
  }

  /** The report API to write, from discovery at most once per re-check interval. */
  private synchronized Optional<ReportApi> api() {
    Instant now = clock.instant();
    if (discovered == null || !now.isBefore(discovered.at().plus(recheck))) {
      Optional<ReportApi> served = Arrays.stream(ReportApi.values()).filter(this::served).findFirst();
      if (discovered == null || !discovered.api().equals(served)) {
        LOG.info("Report API: {}", served.map(ReportApi::apiVersion).orElse("none served"));
      }
      discovered = new Discovered(served, now);
    }
    return discovered.api();
  }

  /** Whether discovery lists both of {@code api}'s kinds (by their resource names). */
  private boolean served(ReportApi api) {
    APIResourceList listed = client.getApiResources(api.apiVersion());
    Set<String> resources = listed == null ? Set.of()
        : listed.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
    return api.kinds().stream().allMatch(kind -> resources.contains(HasMetadata.getPlural(kind)));
  }

  /**
   * The policy's reports as the API server holds them: remembered, or listed (by label, in {@code api}'s
   * kinds) when not listed for a re-check interval or when the API changed. Reports remembered from
   * the other API stay in the map, so that they are deleted as no longer wanted.
   */
  private Map<Key, ResultsReport> held(String policy, ReportApi api) {
    Known before = known.get(policy);
    Instant now = clock.instant();
    if (before != null && before.api() == api && now.isBefore(before.listedAt().plus(recheck))) {
      return before.reports();
    }
    Map<Key, ResultsReport> reports = new HashMap<>();
    if (before != null) {
      before.reports().forEach((key, report) -> {
        if (!key.apiVersion().equals(api.apiVersion())) {
          reports.put(key, report);
        }
      });
    }
    for (Class<? extends ResultsReport> kind : api.kinds()) {
      client.resources(kind).inAnyNamespace().withLabel(MANAGED_BY, PolicyReports.SOURCE)
          .withLabel(PolicyReports.POLICY_LABEL, policy).list().getItems()
          .forEach(report -> reports.put(Key.of(report), report));
    }
    known.put(policy, new Known(api, reports, now));
    return reports;
  }

  /** Runs one write of {@code report}, counted by kind and operation, a refused one as failed. */
  private <T> T counted(ResultsReport report, String operation, Supplier<T> write) {
    try {
      T written = write.get();
      metrics.reportWritten(report.getKind(), operation);
      return written;
    } catch (KubernetesClientException e) {
      metrics.reportWritten(report.getKind(), "failed");
      throw e;
    }
  }

  /**
   * What a report says, without what the API server sets (uid, resourceVersion, timestamps, managed
   * fields): its labels, annotations and owners, and everything outside metadata.
   */
  private JsonNode content(ResultsReport report) {
    ObjectNode node = client.getKubernetesSerialization().convertValue(report, ObjectNode.class);
    JsonNode metadata = node.path("metadata");
    ObjectNode kept = node.putObject("metadata");
    for (String field : List.of("labels", "annotations", "ownerReferences")) {
      if (metadata.has(field)) {
        kept.set(field, metadata.get(field));
      }
    }
    return node;
  }

  private static OwnerReference ownedBy(ClusterPolicy policy) {
    // blockOwnerDeletion: a foreground delete of the policy waits for its reports. Where the
    // OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift), setting it needs update
    // on clusterpolicies/finalizers: config/rbac/reports_role.yaml grants it.
    return new OwnerReferenceBuilder()
        .withApiVersion(policy.getApiVersion())
        .withKind(policy.getKind())
        .withName(policy.getMetadata().getName())
        .withUid(Objects.requireNonNull(policy.getMetadata().getUid(), "the policy's uid"))
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
