package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads Kubernetes objects from one JSON or YAML token stream: every document (a YAML document,
 * or a top-level JSON value), and every item of a List, one at a time. Each object is routed by
 * apiVersion and kind as soon as both are read: kinds the analysis ignores are skipped token by
 * token, the others are bound straight from the stream, so neither the file nor a tree of it is
 * ever held in memory.
 */
final class ObjectStream {
  private final ObjectMapper mapper;
  private final String source;
  private final String format;

  /**
   * @param mapper the mapper fabric8's KubernetesSerialization configured, to bind model classes
   * @param source the file name used in error messages
   * @param format {@code JSON} or {@code YAML}, for error messages
   */
  ObjectStream(ObjectMapper mapper, String source, String format) {
    this.mapper = mapper;
    this.source = source;
    this.format = format;
  }

  /** Reads the whole stream, handing every object of a kind the analysis reads to {@code sink}. */
  void readAll(JsonParser parser, Consumer<HasMetadata> sink) throws SnapshotInputException {
    Place place = new Place(0, 0, 0);
    try {
      JsonToken token;
      int document = 0;
      while ((token = parser.nextToken()) != null) {
        place = new Place(++document, 0, parser.currentTokenLocation().getLineNr());
        switch (token) {
          case START_OBJECT -> readObject(parser, place, true, sink);
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
  private void readItems(JsonParser parser, Place list, Consumer<HasMetadata> sink)
      throws IOException, SnapshotInputException {
    int item = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      Place place = new Place(list.document(), ++item, parser.currentTokenLocation().getLineNr());
      if (token != JsonToken.START_OBJECT) {
        throw notAnObject(place);
      }
      readObject(parser, place, false, sink);
    }
  }

  /**
   * One object; the parser is on its START_OBJECT and is left on its END_OBJECT. Fields read
   * before apiVersion and kind are both known are kept in a small token buffer, then replayed
   * ahead of the rest of the stream into the binder.
   */
  private void readObject(JsonParser parser, Place place, boolean document, Consumer<HasMetadata> sink)
      throws IOException, SnapshotInputException {
    TokenBuffer head = new TokenBuffer(parser);
    head.writeStartObject();
    String apiVersion = null;
    String kind = null;
    boolean list = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (document && "items".equals(field) && value == JsonToken.START_ARRAY) {
        list = true;
        readItems(parser, place, sink);
        continue;
      }
      if (list) {
        parser.skipChildren(); // the List's own kind and metadata
        continue;
      }
      if (value == JsonToken.VALUE_STRING && "apiVersion".equals(field)) {
        apiVersion = parser.getText();
      } else if (value == JsonToken.VALUE_STRING && "kind".equals(field)) {
        kind = parser.getText();
      }
      head.writeFieldName(field);
      head.copyCurrentStructure(parser);
      if (apiVersion != null && kind != null && !(document && kind.endsWith("List"))) {
        Optional<Class<? extends HasMetadata>> type = SnapshotKinds.modelClass(apiVersion, kind);
        if (type.isPresent()) {
          sink.accept(bind(head, parser, type.get(), place, kind));
        } else {
          skipRestOfObject(parser);
        }
        return;
      }
    }
    if (!list && (apiVersion == null || kind == null)) {
      throw notAnObject(place);
    }
  }

  private HasMetadata bind(
      TokenBuffer head, JsonParser rest, Class<? extends HasMetadata> type, Place place, String kind)
      throws IOException, SnapshotInputException {
    JsonParser joined = JsonParserSequence.createFlattened(false, head.asParser(rest), rest);
    joined.nextToken();
    try {
      return mapper.readValue(joined, type);
    } catch (JsonMappingException e) {
      throw new SnapshotInputException(source, place.describe(), kind + " cannot be read: " + describe(e));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // a model class's own deserializer refusing a value: still this object's fault, not haguard's
      throw new SnapshotInputException(source, place.describe(), kind + " cannot be read: " + e.getMessage());
    }
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

  private SnapshotInputException syntaxError(StreamReadException e) {
    return new SnapshotInputException(
        source, ParseErrors.location(e), format + " syntax error: " + ParseErrors.problem(e));
  }

  /** The field path and the problem, e.g. {@code spec.replicas: cannot read "three" as int}. */
  private static String describe(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining());
    String field = path.startsWith(".") ? path.substring(1) : path;
    return (field.isEmpty() ? "" : field + ": ") + ParseErrors.firstLine(e.getOriginalMessage());
  }

  /** Where an object is: its document (1-based), its List item (1-based, 0 for none) and its first line. */
  private record Place(int document, int item, int line) {
    String describe() {
      if (document == 0) {
        return null;
      }
      return "line " + line + ", document " + document + (item > 0 ? ", item " + item : "");
    }
  }
}
