package dev.haguard.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.input.InputException;
import dev.haguard.input.ObjectSink;
import dev.haguard.input.Place;
import dev.haguard.input.YamlInput;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.source.ParseErrors;
import dev.haguard.snapshot.source.SnapshotFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code demo -f} seeds: every object of one file, of every kind, whole. The file is read first
 * as {@code audit} reads it ({@link SnapshotFiles}), so that the demo refuses what audit refuses with
 * the same one line (file, line, field), YAML nested too deep included. audit's reader hands over
 * only the kinds the analysis reads, and the embedded API server holds the others too (the policy,
 * Secrets, Services, custom resources), so the file is then read again whole by the same parsers:
 * YAML through the input layer, JSON through Jackson.
 */
final class DemoObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoObjects() {}

  /**
   * @param serialization binds each object to its model class (a kind it does not know to a
   *                      GenericKubernetesResource)
   */
  static List<HasMetadata> read(Path file, KubernetesSerialization serialization) throws InputException {
    String name = file.toString();
    if (name.equals(SnapshotFiles.STDIN)) {
      throw new InputException(name, null, "the demo reads a file, not standard input");
    }
    if (Files.isDirectory(file)) {
      throw new InputException(name, null, "is a directory; the demo reads one file");
    }
    SnapshotFiles.read(List.of(name), ClusterSnapshot.builder()); // audit's read, for audit's errors
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InputException(name, null, "cannot read: " + ParseErrors.firstLine(e.getMessage()));
    }
    List<HasMetadata> objects = new ArrayList<>();
    ObjectSink seed = (value, place) -> {
      HasMetadata object = bind(value, place, name, serialization);
      if (object != null) {
        objects.add(object);
      }
    };
    if (isJson(file, text)) {
      readJson(text, name, seed);
    } else {
      YamlInput.stream(new StringReader(text), name, seed);
    }
    return objects;
  }

  /** The object a document or List item holds; null for none (an empty document, a List's own wrapper). */
  private static HasMetadata bind(JsonNode value, Place place, String name, KubernetesSerialization serialization)
      throws InputException {
    String kind = value.path("kind").asText();
    if (value.isNull() || (place.isDocument() && kind.endsWith("List"))) {
      return null;
    }
    try {
      return serialization.convertValue(value, KubernetesResource.class) instanceof HasMetadata object ? object : null;
    } catch (IllegalArgumentException e) {
      throw new InputException(name, place.describe(), kind + " cannot be read: " + ParseErrors.firstLine(e.getMessage()));
    }
  }

  /** As {@link SnapshotFiles} tells JSON: by the file's name, else by a first character of { or [. */
  private static boolean isJson(Path file, String text) {
    String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (fileName.endsWith(".json") || fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
      return fileName.endsWith(".json");
    }
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  /** Every top-level value, a top-level array's items, and a List's items, each with its place. */
  private static void readJson(String text, String name, ObjectSink sink) throws InputException {
    try (JsonParser parser = JSON.createParser(text)) {
      int document = 0;
      while (parser.nextToken() != null) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode value = JSON.readTree(parser);
        JsonNode items = value.isArray() ? value : value.path("items");
        if (!items.isArray()) {
          sink.accept(value, Place.document(++document, line));
          continue;
        }
        document++;
        int item = 0;
        for (JsonNode each : items) {
          sink.accept(each, Place.document(document, line).item(++item, line));
        }
      }
    } catch (IOException e) {
      throw new InputException(name, null, "cannot read: " + ParseErrors.firstLine(e.getMessage()));
    }
  }
}
