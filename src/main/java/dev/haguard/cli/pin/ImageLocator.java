package dev.haguard.cli.pin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Finds the container images of workload documents (init, regular and ephemeral containers of
 * Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, and of the items of a List)
 * in a parsed YAML document, with the characters each occupies in the file.
 */
final class ImageLocator {
  private static final Map<String, List<String>> POD_SPEC_PATH = Map.of(
      "Pod", List.of("spec"),
      "Deployment", List.of("spec", "template", "spec"),
      "StatefulSet", List.of("spec", "template", "spec"),
      "DaemonSet", List.of("spec", "template", "spec"),
      "ReplicaSet", List.of("spec", "template", "spec"),
      "Job", List.of("spec", "template", "spec"),
      "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));
  private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

  private ImageLocator() {}

  /**
   * Adds the image sites of {@code root} (document number {@code document}) to {@code into}, and the
   * images that are not strings to {@code notStrings}.
   */
  static void find(Node root, int document, String text, ManifestFile.CharOffsets offsets, List<ImageSite> into,
                   List<NonStringImage> notStrings) {
    if (!(root instanceof MappingNode object)) {
      return;
    }
    String kind = scalar(object, "kind").orElse("");
    if (kind.endsWith("List")) {
      child(object, "items").filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast)
          .ifPresent(items -> items.getValue().forEach(item -> find(item, document, text, offsets, into, notStrings)));
      return;
    }
    List<String> path = POD_SPEC_PATH.get(kind);
    if (path == null) {
      return;
    }
    Optional<Node> podSpec = Optional.of(root);
    for (String field : path) {
      podSpec = podSpec.flatMap(node -> child(node, field));
    }
    for (String list : CONTAINER_LISTS) {
      Optional<SequenceNode> containers = podSpec.flatMap(spec -> child(spec, list))
          .filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast);
      for (int index = 0; containers.isPresent() && index < containers.get().getValue().size(); index++) {
        Node container = containers.get().getValue().get(index);
        Optional<Node> image = child(container, "image");
        if (image.isEmpty()) {
          continue;
        }
        if (image.get() instanceof ScalarNode string && Tag.STR.equals(string.getTag())) {
          add(string, document, text, offsets, into);
        } else {
          String name = scalar(container, "name").map(n -> "container " + n).orElse(list + "[" + index + "]");
          addNotAString(image.get(), document, name, text, offsets, notStrings);
        }
      }
    }
  }

  private static void addNotAString(Node image, int document, String container, String text,
                                    ManifestFile.CharOffsets offsets, List<NonStringImage> into) {
    if (image.getStartMark().isEmpty()) {
      return;
    }
    int start = offsets.of(image.getStartMark().get());
    if (into.stream().anyMatch(seen -> seen.start() == start)) {
      return; // an alias of one already reported
    }
    String what = switch (image.getNodeType()) {
      case MAPPING -> "a mapping";
      case SEQUENCE -> "a sequence";
      default -> scalarKind(image.getTag());
    };
    String reason = "the image is " + what + ", not a string";
    // {{ .Values.image }} unquoted is YAML for a mapping holding a mapping: a chart's template, not a manifest.
    if (text.startsWith("{{", start)) {
      reason += " (an unquoted {{ }} template expression: pin reads rendered manifests, such as helm template's)";
    }
    into.add(new NonStringImage(document, image.getStartMark().get().getLine() + 1, start, container, reason));
  }

  private static String scalarKind(Tag tag) {
    if (Tag.NULL.equals(tag)) {
      return "null";
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "a number";
    }
    if (Tag.BOOL.equals(tag)) {
      return "a boolean";
    }
    return "tagged " + tag.getValue().replace(Tag.PREFIX, "!!");
  }

  /** Whether {@code root} is a Kubernetes object: a mapping with a kind. */
  static boolean isKubernetesObject(Node root) {
    return root instanceof MappingNode && scalar(root, "kind").filter(kind -> !kind.isEmpty()).isPresent();
  }

  private static void add(ScalarNode image, int document, String text, ManifestFile.CharOffsets offsets,
                          List<ImageSite> into) {
    if (image.getStartMark().isEmpty() || image.getEndMark().isEmpty()) {
      return;
    }
    int nodeStart = offsets.of(image.getStartMark().get());
    int end = offsets.of(image.getEndMark().get());
    String value = image.getValue();
    // An anchor or tag before the value belongs to the node's span: keep it, replace only the value's text.
    ImageSite probe = new ImageSite(document, value, nodeStart, end, image.getScalarStyle(), true);
    String rendered = probe.render(value);
    boolean editable = ImageSite.canRender(value, image.getScalarStyle())
        && text.substring(nodeStart, end).endsWith(rendered);
    ImageSite site = new ImageSite(document, value, editable ? end - rendered.length() : nodeStart, end,
        image.getScalarStyle(), editable);
    // An alias (*img) is the anchored node itself: one site, however often it is used.
    if (into.stream().noneMatch(seen -> seen.end() == site.end())) {
      into.add(site);
    }
  }

  private static Optional<Node> child(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return Optional.empty();
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(tuple.getValueNode());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> scalar(Node node, String key) {
    return child(node, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
  }
}
