package dev.haguard.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.input.InputException;
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

  private final String name;
  private final KubernetesSerialization serialization;
  private final List<HasMetadata> objects = new ArrayList<>();

  private DemoObjects(String name, KubernetesSerialization serialization) {
    this.name = name;
    this.serialization = serialization;
  }

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
    DemoObjects read = new DemoObjects(name, serialization);
    if (isJson(file, text)) {
      read.json(text);
    } else {
      YamlInput.stream(new StringReader(text), name, (value, place) -> read.take(value, place.describe()));
    }
    return read.objects;
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

  /** Every top-level value, each a document. */
  private void json(String text) throws InputException {
    try (JsonParser parser = JSON.createParser(text)) {
      int document = 0;
      while (parser.nextToken() != null) {
        String location = "line " + parser.currentTokenLocation().getLineNr() + ", document " + ++document;
        take(JSON.readTree(parser), location);
      }
    } catch (IOException e) {
      throw new InputException(name, null, "cannot read: " + ParseErrors.firstLine(e.getMessage()));
    }
  }

  /**
   * The object {@code value} is, bound; or, for an array or a List, the objects of its items, Lists
   * in Lists included; nothing for an empty document.
   */
  private void take(JsonNode value, String location) throws InputException {
    JsonNode items = value.isArray() ? value : value.path("items");
    if (items.isArray()) {
      int item = 0;
      for (JsonNode each : items) {
        take(each, location + (location.contains(", item ") ? "." : ", item ") + ++item);
      }
      return;
    }
    if (value.isNull()) {
      return;
    }
    try {
      if (serialization.convertValue(value, KubernetesResource.class) instanceof HasMetadata object) {
        objects.add(object);
      }
    } catch (IllegalArgumentException e) {
      throw new InputException(name, location,
          value.path("kind").asText() + " cannot be read: " + ParseErrors.firstLine(e.getMessage()));
    }
  }
}
