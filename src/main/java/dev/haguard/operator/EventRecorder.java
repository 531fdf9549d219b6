package dev.haguard.operator;

import dev.haguard.api.v1alpha1.ObjectRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events (create only). Events are best effort, as in Kubernetes itself: a failed
 * create is logged and never fails a reconcile.
 */
final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final String COMPONENT = "haguard";
  /** Events of cluster-scoped objects (Nodes, ClusterPolicies) live here, as Kubernetes' own do. */
  static final String CLUSTER_SCOPED_NAMESPACE = "default";
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void warning(ObjectRef object, String reason, String message) {
    record(object, "Warning", reason, message);
  }

  void normal(ObjectRef object, String reason, String message) {
    record(object, "Normal", reason, message);
  }

  private void record(ObjectRef object, String type, String reason, String message) {
    String namespace = object.namespace() != null ? object.namespace() : CLUSTER_SCOPED_NAMESPACE;
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata().withNamespace(namespace).withName(eventName(object.name())).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.apiVersion())
            .withKind(object.kind()).withNamespace(object.namespace()).withName(object.name()).build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("Event {} on {} not recorded: {}", reason, object, e.getMessage());
    }
  }

  /** {@code <object>.<random hex>}, as Kubernetes names Events; the object's name is cut so the whole stays a valid name. */
  private static String eventName(String objectName) {
    String base = objectName.length() > 200 ? objectName.substring(0, 200) : objectName;
    return base + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }
}
