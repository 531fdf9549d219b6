package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.snapshot.KeptFields;
import dev.haguard.support.TestObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the informer caches keep of an object, decoded as a watch decodes it. */
class CachedFormTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","uid":"u-1",
        "resourceVersion":"42","generateName":"web-","creationTimestamp":"2026-01-01T00:00:00Z",
        "labels":{"app":"web","pod-template-hash":"5d4f8c7b9"},
        "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"big\\":true}","team":"a"},
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d4f8c7b9","uid":"rs-1",
          "controller":true,"blockOwnerDeletion":true}],
        "managedFields":[{"manager":"kube-controller-manager","operation":"Update","fieldsType":"FieldsV1",
          "fieldsV1":{"f:metadata":{}}}]},
       "spec":{"nodeName":"w1","restartPolicy":"Always","serviceAccountName":"web","nodeSelector":{"disk":"ssd"},
        "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
          {"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["a"]}]}]}},
          "podAntiAffinity":{}},
        "tolerations":[{"key":"k","operator":"Exists"}],
        "containers":[{"name":"app","image":"nginx:1.27","args":["--port=80"],"env":[{"name":"A","value":"1"}],
          "ports":[{"containerPort":80}],"resources":{"limits":{"cpu":"1"}},
          "volumeMounts":[{"name":"data","mountPath":"/d"}]}],
        "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"data-web-1"}},
          {"name":"token","projected":{"sources":[{"serviceAccountToken":{"path":"token"}}]}}]},
       "status":{"phase":"Running","podIP":"10.0.0.5","hostIP":"192.168.0.3","qosClass":"Burstable",
        "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z"}],
        "containerStatuses":[{"name":"app","image":"nginx:1.27","imageID":"docker.io/library/nginx@sha256:ab",
          "ready":true,"restartCount":3,"state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}
      """;

  @Test
  void aPodKeepsWhatTheRulesReadAndNothingElse() {
    Pod pod = cached(Pod.class, JSON.unmarshal(POD, Pod.class));

    assertThat(pod.getMetadata().getName()).isEqualTo("web-1");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(pod.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(pod.getMetadata().getManagedFields()).isNull();
    assertThat(pod.getMetadata().getAnnotations()).containsExactly(java.util.Map.entry("team", "a"));
    assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", "5d4f8c7b9");
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("ReplicaSet");
      assertThat(o.getName()).isEqualTo("web-5d4f8c7b9");
      assertThat(o.getUid()).isEqualTo("rs-1");
      assertThat(o.getController()).isTrue();
    });
    assertThat(pod.getSpec().getNodeName()).isEqualTo("w1");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("disk", "ssd");
    assertThat(pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms()).hasSize(1);
    // Tolerations and required pod anti-affinity are kept: the what-if and the spread rules read them.
    assertThat(pod.getSpec().getAffinity().getPodAffinity()).isNull();
    assertThat(pod.getSpec().getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("k"));
    assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("app");
      assertThat(c.getImage()).isEqualTo("nginx:1.27");
      assertThat(c.getArgs()).containsExactly("--port=80");
      assertThat(c.getEnv()).isNull();
      assertThat(c.getPorts()).isNull();
      assertThat(c.getResources()).isNull();
      assertThat(c.getVolumeMounts()).isNull();
    });
    assertThat(pod.getSpec().getInitContainers()).isNull();
    assertThat(pod.getSpec().getVolumes()).singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-web-1"));
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(pod.getStatus().getPodIP()).isEqualTo("10.0.0.5");
    assertThat(pod.getStatus().getHostIP()).isEqualTo("192.168.0.3");
    assertThat(pod.getStatus().getQosClass()).isNull();
    assertThat(pod.getStatus().getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("app");
      assertThat(s.getImageID()).isEqualTo("docker.io/library/nginx@sha256:ab");
      assertThat(s.getState()).isNull();
    });
    // The empty lists and maps a bound object carries for every absent field are gone.
    assertThat(pod.getAdditionalProperties()).isNullOrEmpty();
    assertThat(pod.getSpec().getAdditionalProperties()).isNullOrEmpty();
    assertThat(pod.getMetadata().getFinalizers()).isNull();
    // Cached lists are immutable: a reader that changed a cached object would fail at once.
    assertThatThrownBy(() -> pod.getSpec().getContainers().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void repeatedStringsAreSharedBetweenCachedObjects() {
    Pod first = cached(Pod.class, JSON.unmarshal(POD, Pod.class));
    Pod second = cached(Pod.class, JSON.unmarshal(POD.replace("web-1", "web-2"), Pod.class));

    assertThat(second.getMetadata().getLabels().get("pod-template-hash"))
        .isSameAs(first.getMetadata().getLabels().get("pod-template-hash"));
    assertThat(second.getMetadata().getNamespace()).isSameAs(first.getMetadata().getNamespace());
    assertThat(second.getSpec().getContainers().get(0).getImage())
        .isSameAs(first.getSpec().getContainers().get(0).getImage());
  }

  @Test
  void aDeploymentKeepsItsTemplateAndReplicasAndOnlyTheCountsOfItsStatus() {
    Deployment whole = new DeploymentBuilder(TestObjects.deployment("shop", "web", 3, "nginx:1.27"))
        .editMetadata().addNewManagedField().withManager("kubectl").endManagedField()
        .addToAnnotations(KeptFields.LAST_APPLIED, "{}").endMetadata()
        .editSpec().editTemplate().editSpec().withServiceAccountName("web").addNewImagePullSecret("pull")
        .endSpec().endTemplate().endSpec()
        .withNewStatus().withReplicas(3).withAvailableReplicas(3).withReadyReplicas(3).withObservedGeneration(2L)
        .addNewCondition().withType("Available").withStatus("True").endCondition().endStatus().build();

    Deployment d = cached(Deployment.class, JSON.clone(whole));

    assertThat(d.getMetadata().getManagedFields()).isNull();
    assertThat(d.getMetadata().getAnnotations()).isNull();
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
    assertThat(JSON.asJson(d.getSpec().getSelector())).isEqualTo(JSON.asJson(whole.getSpec().getSelector()));
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers()).singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.27"));
    assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("web");
    assertThat(d.getSpec().getTemplate().getSpec().getImagePullSecrets()).singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("pull"));
    // the counts a damaged file may hold negative (checked as it is read), nothing else of the status
    assertThat(d.getStatus().getReplicas()).isEqualTo(3);
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(d.getStatus().getReadyReplicas()).isNull();
    assertThat(d.getStatus().getObservedGeneration()).isNull();
    assertThat(d.getStatus().getConditions()).isNull();
  }

  @Test
  void otherKindsLoseOnlyTheirBookkeeping() {
    Node node = new NodeBuilder(TestObjects.controlPlaneNode("cp1", "a"))
        .editMetadata().addNewManagedField().withManager("kubelet").endManagedField().endMetadata()
        .withNewStatus().addNewAddress().withType("InternalIP").withAddress("192.168.0.3").endAddress()
        .addNewImage().withNames(List.of("nginx:1.27")).endImage().endStatus().build();
    ConfigMap info = TestObjects.clusterInfo("https://api.example:6443");
    info.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(KeptFields.LAST_APPLIED, "{}")));

    Node cachedNode = cached(Node.class, JSON.clone(node));
    ConfigMap cachedInfo = cached(ConfigMap.class, JSON.clone(info));

    assertThat(cachedNode.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cachedNode.getMetadata().getLabels()).isEqualTo(node.getMetadata().getLabels());
    // Empty lists become null, which their JSON does not tell apart.
    assertThat(JSON.asJson(cachedNode.getSpec())).isEqualTo(JSON.asJson(node.getSpec()));
    assertThat(JSON.asJson(cachedNode.getStatus().getAddresses())).isEqualTo(JSON.asJson(node.getStatus().getAddresses()));
    assertThat(cachedNode.getStatus().getImages()).isNull();
    assertThat(cachedInfo.getData()).isEqualTo(info.getData());
    assertThat(cachedInfo.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void theDecodedObjectHandedToTheEventHandlerIsLeftWhole() {
    Pod pod = JSON.unmarshal(POD, Pod.class);
    Node node = JSON.clone(new NodeBuilder(TestObjects.node("w1", "a"))
        .editMetadata().addNewManagedField().withManager("kubelet").endManagedField().endMetadata().build());
    String podJson = JSON.asJson(pod);
    String nodeJson = JSON.asJson(node);

    cached(Pod.class, pod);
    cached(Node.class, node);

    assertThat(JSON.asJson(pod)).isEqualTo(podJson);
    assertThat(JSON.asJson(node)).isEqualTo(nodeJson);
    // JOSDK's InformerEventSource reads the handed object's annotations without a null check.
    assertThat(node.getMetadata().getAnnotations()).isNotNull();
  }

  /** {@code o} as its informer's cache holds it. */
  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> R cached(Class<R> kind, R o) {
    TransformingItemStore<R> store = ClusterCache.itemStore(kind);
    String key = store.getKey(o);
    store.put(key, o);
    return store.get(key);
  }
}
