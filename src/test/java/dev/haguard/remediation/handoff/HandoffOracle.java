package dev.haguard.remediation.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hand-off's invariant, judged from the raw objects with no production code: its own annotation
 * names, its own reading of "available" ({@code status.availableReplicas >= 1}) and "live" (there, same
 * uid, no {@code metadata.deletionTimestamp}), and its own record of what the world did.
 *
 * <ul>
 *   <li>never two Deployments for one bare pod;
 *   <li>never both gone: the bare pod (live) or its replacement exists, unless the world (an eviction,
 *       a vanished node, a user) removed one of them;
 *   <li>every write of the engine is in the plan: a replacement of a bare pod (with a selector that
 *       cannot match it), annotations on a bare pod or a replacement, the bare pod's delete only after
 *       the engine last saw its replacement available, a replacement's delete only after the engine
 *       last saw the bare pod live.
 * </ul>
 *
 * <p>Objects are read as JSON trees, so this class shares no code with what it judges.
 */
final class HandoffOracle {
  static final String REWRITTEN_FROM = "haguard.dev/rewritten-from";
  static final String REPLACEMENT_LABEL = "haguard.dev/replacement";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A bare pod of the schedule, by name: its uid, and whether the world took it away. */
  private final Map<String, String> barePodUids = new HashMap<>();
  private final Set<String> takenByWorld = new HashSet<>();
  private final Set<String> replacementDeletedByWorld = new HashSet<>();
  /** What the engine last read: per pod name whether it was live, per Deployment name whether available. */
  private final Map<String, Boolean> seenLive = new HashMap<>();
  private final Map<String, Boolean> seenAvailable = new HashMap<>();
  /** Deployment name to the uid of the bare pod it replaces, as the engine read it. */
  private final Map<String, String> replaces = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int checks;

  void barePod(String name, String uid) {
    barePodUids.put(name, uid);
  }

  void worldTookPod(String name) {
    takenByWorld.add(name);
  }

  void worldDeletedReplacementOf(String podName) {
    replacementDeletedByWorld.add(podName);
  }

  /** A new engine (after a kill, or a standby) has read nothing yet. */
  void newEngine() {
    seenLive.clear();
    seenAvailable.clear();
  }

  /** The engine read pod {@code name}: the object (null when absent). */
  void engineReadPod(String name, Object pod) {
    if (barePodUids.containsKey(name)) {
      seenLive.put(name, live(tree(pod), barePodUids.get(name)));
    }
  }

  /** The engine read Deployment {@code name}: the object (null when absent). */
  void engineReadDeployment(String name, Object deployment) {
    JsonNode d = tree(deployment);
    seenAvailable.put(name, deployment != null && available(d));
    if (deployment != null) {
      replaces.put(name, d.path("metadata").path("annotations").path(REWRITTEN_FROM).asText());
    }
  }

  /**
   * Judges one write the engine sends, before it reaches the world.
   *
   * @param target the stored object it is about (null when absent), or for a create the new object
   */
  void engineWrites(String verb, String kind, String name, Object target, String patchJson, List<?> world) {
    checks++;
    String write = verb + " " + kind + " " + name;
    JsonNode t = tree(target);
    if (verb.equals("delete") && target == null) {
      return; // a delete of what is not there writes nothing
    }
    switch (verb + " " + kind) {
      case "create Deployment" -> {
        String podName = podNameOf(t.path("metadata").path("annotations").path(REWRITTEN_FROM).asText());
        if (podName == null || !t.path("metadata").path("labels").has(REPLACEMENT_LABEL)) {
          violations.add(write + ": not a replacement of a bare pod of the plan");
        } else if (selectorMatches(t, podName, world)) {
          violations.add(write + ": its selector matches the bare pod " + podName);
        }
      }
      case "patch Pod" -> {
        if (!barePodUids.containsKey(name)) {
          violations.add(write + ": not a bare pod of the plan");
        }
        onlyAnnotations(write, patchJson);
      }
      case "patch Deployment" -> {
        if (podNameOf(t.path("metadata").path("annotations").path(REWRITTEN_FROM).asText()) == null) {
          violations.add(write + ": not a replacement");
        }
        onlyAnnotations(write, patchJson);
      }
      case "delete Pod" -> {
        String uid = barePodUids.get(name);
        if (uid == null) {
          violations.add(write + ": not a bare pod of the plan");
        } else if (seenAvailable.entrySet().stream()
            .noneMatch(e -> e.getValue() && uid.equals(replaces.get(e.getKey())))) {
          violations.add(write + ": the engine's last read of its replacement did not show it available");
        }
      }
      case "delete Deployment" -> {
        String podName = podNameOf(t.path("metadata").path("annotations").path(REWRITTEN_FROM).asText());
        if (podName == null) {
          violations.add(write + ": not a replacement of a bare pod of the plan");
        } else if (!seenLive.getOrDefault(podName, false)) {
          violations.add(write + ": the engine's last read of bare pod " + podName + " did not show it live");
        }
      }
      default -> violations.add(write + ": a write outside the plan");
    }
  }

  /** Checks the state of the world (every stored object). */
  void check(List<?> world, String at) {
    checks++;
    for (Map.Entry<String, String> pod : barePodUids.entrySet()) {
      String name = pod.getKey();
      long replacements = world.stream().map(HandoffOracle::tree).filter(o -> isDeployment(o)
          && pod.getValue().equals(o.path("metadata").path("annotations").path(REWRITTEN_FROM).asText())).count();
      if (replacements > 1) {
        violations.add(at + ": " + replacements + " Deployments replace bare pod " + name);
      }
      boolean excused = takenByWorld.contains(name) || replacementDeletedByWorld.contains(name);
      if (!livePod(name, world) && replacements == 0 && !excused) {
        violations.add(at + ": bare pod " + name + " and its replacement are both gone");
      }
    }
  }

  boolean livePod(String name, List<?> world) {
    String uid = barePodUids.get(name);
    return world.stream().map(HandoffOracle::tree)
        .anyMatch(o -> "Pod".equals(kind(o)) && name.equals(o.path("metadata").path("name").asText()) && live(o, uid));
  }

  Optional<JsonNode> replacementOf(String uid, List<?> world) {
    return world.stream().map(HandoffOracle::tree).filter(o -> isDeployment(o)
        && uid.equals(o.path("metadata").path("annotations").path(REWRITTEN_FROM).asText())).findFirst();
  }

  boolean takenByWorld(String podName) {
    return takenByWorld.contains(podName);
  }

  String uidOf(String podName) {
    return barePodUids.get(podName);
  }

  List<String> violations() {
    return violations;
  }

  int checks() {
    return checks;
  }

  static boolean available(JsonNode deployment) {
    return deployment.path("status").path("availableReplicas").asInt(0) >= 1;
  }

  static JsonNode tree(Object o) {
    return o == null ? JsonNodeFactory.instance.missingNode() : MAPPER.valueToTree(o);
  }

  private static boolean live(JsonNode pod, String uid) {
    return !pod.isMissingNode() && uid.equals(pod.path("metadata").path("uid").asText())
        && pod.path("metadata").path("deletionTimestamp").isMissingNode();
  }

  private static boolean isDeployment(JsonNode o) {
    return "Deployment".equals(kind(o));
  }

  private static String kind(JsonNode o) {
    return o.path("kind").asText();
  }

  private String podNameOf(String uid) {
    return barePodUids.entrySet().stream().filter(e -> e.getValue().equals(uid)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  private boolean selectorMatches(JsonNode deployment, String podName, List<?> world) {
    JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
    return world.stream().map(HandoffOracle::tree).filter(o -> "Pod".equals(kind(o))
            && podName.equals(o.path("metadata").path("name").asText()))
        .anyMatch(pod -> {
          JsonNode labels = pod.path("metadata").path("labels");
          List<String> keys = new ArrayList<>();
          selector.fieldNames().forEachRemaining(keys::add);
          return keys.stream().allMatch(k -> selector.path(k).asText().equals(labels.path(k).asText(null)));
        });
  }

  private void onlyAnnotations(String write, String patchJson) {
    try {
      for (JsonNode op : MAPPER.readTree(patchJson)) {
        String path = op.path("path").asText();
        if (!path.equals("/metadata/resourceVersion") && !path.startsWith("/metadata/annotations")) {
          violations.add(write + ": patches " + path + ", not only annotations");
        }
      }
    } catch (java.io.IOException e) {
      violations.add(write + ": unreadable patch " + patchJson);
    }
  }
}
