package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.api.v1alpha1.ClusterPolicyStatus;
import dev.haguard.demo.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * Everything the operator would publish about a status, as text: the status as stored, the Events
 * its findings raise (recorded on an embedded API server by the operator's own recorder), and the
 * metrics it feeds (every tag value, and the Prometheus scrape). For tests of what is never published.
 */
public final class PublishedText {
  private PublishedText() {}

  public static String of(ClusterPolicyStatus status) {
    StringBuilder text = new StringBuilder();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      ClusterPolicy policy = new ClusterPolicy();
      policy.setMetadata(new ObjectMetaBuilder().withName("default").build());
      policy.setStatus(status);
      text.append(cluster.client().getKubernetesSerialization().asYaml(policy));
      new FindingEvents(new EventRecorder(cluster.client(), Clock.systemUTC())).announce(policy, status.findings());
      text.append(cluster.client().getKubernetesSerialization()
          .asYaml(cluster.client().v1().events().inAnyNamespace().list()));
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new HaguardMetrics(registry).record("default", status);
    text.append(registry.getMeters().stream().map(Meter::getId)
        .flatMap(id -> id.getTags().stream().map(Tag::getValue)).collect(Collectors.joining("\n")));
    text.append(registry.scrape());
    return text.toString();
  }
}
