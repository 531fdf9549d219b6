package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads Kubernetes objects from one JSON or YAML token stream: every document (a YAML document,
 * or a top-level JSON value), and every item of a List, one at a time. Each object is routed by
 * apiVersion and kind as soon as both are read: kinds the analysis ignores are skipped token by
 * token, the others are copied into a token buffer of their own, to be bound by
 * {@link ObjectBinder} (on another thread), so neither the file nor a tree of it is ever held in
 * memory.
 */
final class ObjectStream {
  private final String source;
  private final String format;

  /**
   * @param source the file name used in error messages
   * @param format {@code JSON} or {@code YAML}, for error messages
   */
  ObjectStream(String source, String format) {
    this.source = source;
    this.format = format;
  }

  /** One object of a kind the analysis reads, as tokens, with what its errors must name. */
  record Tokenized(TokenBuffer tokens, Class<? extends HasMetadata> type, String kind, String location) {}

  /** Reads the whole stream, handing every object of a kind the analysis reads to {@code sink}. */
  void readAll(JsonParser parser, Consumer<Tokenized> sink) throws SnapshotInputException {
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
  private void readItems(JsonParser parser, Place list, Consumer<Tokenized> sink)
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
   * One object; the parser is on its START_OBJECT and is left on its END_OBJECT. Fields are
   * copied into a token buffer until apiVersion and kind are both known; then the rest of the
   * object is copied too, or skipped when the analysis does not read its kind.
   */
  private void readObject(JsonParser parser, Place place, boolean document, Consumer<Tokenized> sink)
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
          copyRestOfObject(parser, head);
          sink.accept(new Tokenized(head, type.get(), kind, place.describe()));
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

  private static void copyRestOfObject(JsonParser parser, TokenBuffer tokens) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      tokens.writeFieldName(parser.currentName());
      parser.nextToken();
      tokens.copyCurrentStructure(parser);
    }
    tokens.writeEndObject();
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
