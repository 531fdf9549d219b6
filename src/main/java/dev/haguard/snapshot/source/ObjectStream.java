package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.haguard.input.Place;
import dev.haguard.snapshot.KeptFields;
import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads Kubernetes objects one at a time: from a JSON token stream (every top-level value, and
 * every item of a List), or from the trees the YAML layer composes (each document, or each List
 * item). Each object is routed by apiVersion and kind: kinds the analysis ignores are skipped,
 * the others bound, so neither the file nor a tree of all of it is ever held in memory.
 */
final class ObjectStream {
  private final ObjectMapper mapper;
  private final String source;
  private final String format;
  private final boolean kept;
  private final OtherVersions otherVersions;

  /**
   * @param mapper the mapper fabric8's KubernetesSerialization configured, to bind model classes
   * @param source the file name used in error messages
   * @param format {@code JSON} or {@code YAML}, for error messages
   * @param kept   whether objects are handed over in their kept form ({@link ReadSet#kept}), read
   *               straight into it where the kind allows ({@link KeptFields#read}), or whole
   * @param otherVersions where objects of kinds read, in versions not read, are counted
   */
  ObjectStream(ObjectMapper mapper, String source, String format, boolean kept, OtherVersions otherVersions) {
    this.mapper = mapper;
    this.source = source;
    this.format = format;
    this.kept = kept;
    this.otherVersions = otherVersions;
  }

  /** Receives each object bound, with the line it starts on (its item's, its document's, or its {@code {}'s). */
  @FunctionalInterface
  interface Sink {
    void accept(HasMetadata object, int line);
  }

  /**
   * One value the YAML layer composed: a document's root or one item of a List; an object of a
   * kind the analysis reads goes to {@code sink}, the items of a List are read in turn.
   */
  void accept(JsonNode value, Place place, Sink sink) throws SnapshotInputException {
    if (place.isDocument() && (value.isNull() || value.isMissingNode())) {
      return; // an empty YAML document, e.g. a trailing "---"
    }
    if (!value.isObject()) {
      throw notAnObject(place);
    }
    JsonNode items = value.get("items");
    if (items != null) {
      if (!items.isArray()) {
        throw itemsNotAList(place);
      }
      int item = 0;
      for (JsonNode each : items) {
        accept(each, place.item(++item, place.line()), sink);
      }
      return;
    }
    String apiVersion = nonEmptyText(value.get("apiVersion"));
    String kind = nonEmptyText(value.get("kind"));
    if (apiVersion == null || kind == null) {
      throw notAnObject(place);
    }
    Optional<Class<? extends HasMetadata>> type = SnapshotKinds.modelClass(apiVersion, kind);
    if (type.isPresent()) {
      try (JsonParser tokens = mapper.treeAsTokens(value)) {
        tokens.nextToken();
        sink.accept(bind(tokens, type.get(), place, kind), place.line());
      } catch (IOException e) {
        throw new SnapshotInputException(source, place.describe(), kind + " cannot be read: " + e.getMessage());
      }
    } else {
      otherVersions.skipped(apiVersion, kind);
    }
  }

  /** The text of a string node that is not empty, else null: an empty apiVersion or kind is none. */
  private static String nonEmptyText(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }

  /** Reads the whole stream, handing every object of a kind the analysis reads to {@code sink}. */
  void readAll(JsonParser parser, Sink sink) throws SnapshotInputException {
    Place place = Place.NONE;
    try {
      JsonToken token;
      int document = 0;
      while ((token = parser.nextToken()) != null) {
        place = Place.document(++document, parser.currentTokenLocation().getLineNr());
        switch (token) {
          case START_OBJECT -> readObject(parser, place, sink);
          case START_ARRAY -> readItems(parser, place, sink);
          case VALUE_NULL -> { } // an empty YAML document, e.g. a trailing "---"
          default -> throw notAnObject(place);
        }
      }
    } catch (StreamReadException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new SnapshotInputException(source, place.describe(), "cannot read: " + e.getMessage());
    }
  }

  /** The items of a List (or of a top-level JSON array); the parser is on START_ARRAY. */
  private void readItems(JsonParser parser, Place list, Sink sink)
      throws IOException, SnapshotInputException {
    int item = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      Place place = list.item(++item, parser.currentTokenLocation().getLineNr());
      if (token != JsonToken.START_OBJECT) {
        throw notAnObject(place);
      }
      readObject(parser, place, sink);
    }
  }

  /**
   * One object, or a List whose items are read in turn; the parser is on its START_OBJECT and is
   * left on its END_OBJECT. Fields read before apiVersion and kind are both known are kept in a
   * small token buffer, then replayed ahead of the rest of the stream into the binder. An
   * {@code items} field met before then makes the object a List, as Kubernetes' own decoder takes
   * any object with items (kubectl writes a List's fields sorted: apiVersion, items, kind), and its
   * items are streamed.
   */
  private void readObject(JsonParser parser, Place place, Sink sink)
      throws IOException, SnapshotInputException {
    TokenBuffer head = new TokenBuffer(parser);
    head.writeStartObject();
    String apiVersion = null;
    String kind = null;
    boolean list = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (list) {
        parser.skipChildren(); // the List's own kind and metadata
        continue;
      }
      if ("items".equals(field)) {
        if (value != JsonToken.START_ARRAY) {
          throw itemsNotAList(place);
        }
        list = true;
        readItems(parser, place, sink);
        continue;
      }
      // An empty apiVersion or kind is none, as a null one is: not a Kubernetes object, never
      // skipped as a kind not read.
      if (value == JsonToken.VALUE_STRING && "apiVersion".equals(field) && !parser.getText().isEmpty()) {
        apiVersion = parser.getText();
      } else if (value == JsonToken.VALUE_STRING && "kind".equals(field) && !parser.getText().isEmpty()) {
        kind = parser.getText();
      }
      head.writeFieldName(field);
      head.copyCurrentStructure(parser);
      if (apiVersion != null && kind != null && !kind.endsWith("List")) {
        Optional<Class<? extends HasMetadata>> type = SnapshotKinds.modelClass(apiVersion, kind);
        if (type.isPresent()) {
          JsonParser joined = JsonParserSequence.createFlattened(false, head.asParser(parser), parser);
          joined.nextToken();
          sink.accept(bind(joined, type.get(), place, kind), place.line());
        } else {
          otherVersions.skipped(apiVersion, kind);
          skipRestOfObject(parser);
        }
        return;
      }
    }
    if (!list && (apiVersion == null || kind == null)) {
      throw notAnObject(place);
    }
  }

  /** Binds the object whose START_OBJECT {@code tokens} is on. */
  private HasMetadata bind(JsonParser tokens, Class<? extends HasMetadata> type, Place place, String kind)
      throws IOException, SnapshotInputException {
    boolean straight = kept && KeptFields.readsStraight(type);
    HasMetadata object;
    try {
      object = straight ? KeptFields.read(tokens, type) : mapper.readValue(tokens, type);
    } catch (JsonMappingException e) {
      throw new SnapshotInputException(source, place.describe(), kind + named(e) + " cannot be read: " + describe(e));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // a model class's own deserializer refusing a value: still this object's fault, not haguard's
      throw new SnapshotInputException(source, place.describe(), kind + " cannot be read: " + ParseErrors.firstLine(e.getMessage()));
    }
    // Every object the API server returns has a name; the rules and their reports key on it.
    if (object.getMetadata() == null || object.getMetadata().getName() == null
        || object.getMetadata().getName().isBlank()) {
      throw new SnapshotInputException(source, place.describe(), kind + " has no metadata.name");
    }
    Optional<String> negative = Counts.negative(object);
    if (negative.isPresent()) {
      throw new SnapshotInputException(source, place.describe(),
          kind + " " + object.getMetadata().getName() + ": " + negative.get() + " is negative");
    }
    return kept && !straight ? ReadSet.kept(object) : object;
  }

  private static void skipRestOfObject(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  private SnapshotInputException notAnObject(Place place) {
    return new SnapshotInputException(
        source, place.describe(), "not a Kubernetes object (it needs apiVersion and kind)");
  }

  private SnapshotInputException itemsNotAList(Place place) {
    return new SnapshotInputException(source, place.describe(), "items is not a list");
  }

  private SnapshotInputException syntaxError(StreamReadException e) {
    return new SnapshotInputException(
        source, ParseErrors.location(e), format + " syntax error: " + ParseErrors.problem(e));
  }

  /**
   * " NAME" of the object being bound when its name was read before the error (kubectl writes
   * metadata first), else nothing: the object being bound is the first step of the error's path,
   * and when the error is inside metadata, the metadata being bound is the second.
   */
  private static String named(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    Object object = path.isEmpty() ? null : path.get(0).getFrom();
    ObjectMeta metadata = object instanceof HasMetadata o ? o.getMetadata() : null;
    if (metadata == null && path.size() > 1 && path.get(1).getFrom() instanceof ObjectMeta inside) {
      metadata = inside;
    }
    return metadata == null || metadata.getName() == null ? "" : " " + metadata.getName();
  }

  /** The field path and the problem, e.g. {@code spec.replicas: cannot read "three" as int}. */
  private static String describe(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining());
    String field = path.startsWith(".") ? path.substring(1) : path;
    String problem = e instanceof InvalidNullException ? nullContent(e)
        : ParseErrors.firstLine(e.getOriginalMessage()).replace(COERCION_ADVICE, "");
    return (field.isEmpty() ? "" : field + ": ") + problem;
  }

  /**
   * A null list item or map value ({@link StrictBinding}, and the kept form's lists and maps), said
   * of the item: Jackson's message names the list.
   */
  private static String nullContent(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    boolean item = !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0;
    return (item ? "a null item" : "a null value") + ", which the API never writes";
  }

  /** What Jackson adds to a coercion it refuses: advice to a program's author, not to the file's. */
  private static final String COERCION_ADVICE = " (but could if coercion was enabled using `CoercionConfig`)";
}
