package dev.haguard.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Composes Jackson trees from snakeyaml-engine's event stream (its Parse API), as its own
 * Composer and constructors would compose plain Java maps, but one List item at a time: a
 * document's {@code items} sequence is never held whole. Anchored values are kept for the rest of
 * their document (PyYAML anchors a value seen twice anywhere in it), shared rather than copied.
 */
final class YamlComposer {
  /** How much deeper than its List a List's item is (the List, its items sequence, the item), as in Jackson's count. */
  private static final int ITEM_DEPTH = 2;
  /** Nodes aliases may expand to beyond the input's own: a constant, plus a multiple of the events read. */
  private static final long EXPANSION_ALLOWANCE = 1_000_000;
  private static final int EXPANSION_PER_EVENT = 10;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Plain scalars whose tag is remembered, and the longest remembered: enough for the keys and the repeated values. */
  private static final int RESOLVED_CAPACITY = 8192;
  private static final int RESOLVED_MAX_LENGTH = 64;

  private final String source;
  private final Parser parser;
  /** The core schema's tags, the schema {@link YamlInput#settings} reads with. */
  private final CoreScalarTags resolver = new CoreScalarTags();
  private final Map<String, Anchored> anchors = new HashMap<>();
  /**
   * The tags of plain scalars seen: the resolver matches regular expressions (a Matcher per try, a
   * fifth of what a 100k-pod List allocated), while keys and most values repeat from item to item.
   */
  private final Map<String, Tag> resolved = new HashMap<>();
  private long events;
  private long nodes;
  private long expanded;

  YamlComposer(Reader in, String source, int window) {
    LoadSettings settings = YamlInput.settings(source, window);
    this.source = source;
    this.parser = new ParserImpl(settings, new StreamReader(settings, in));
  }

  /**
   * Each document's root, or each item of a root sequence or of a mapping's {@code items} sequence:
   * the root's, and a List item's that is a List itself ({@code jq -s} of two Lists, a List of Lists).
   */
  void stream(ObjectSink sink) throws InputException {
    readingEngineErrors(() -> {
      int document = 0;
      for (Event e = next(); e.getEventId() != Event.ID.StreamEnd; e = next()) {
        if (e.getEventId() != Event.ID.DocumentStart) {
          continue;
        }
        anchors.clear(); // anchors belong to their document
        Event root = next();
        Place place = Place.document(++document, lineNumber(root.getStartMark()));
        switch (root.getEventId()) {
          case MappingStart -> streamMapping(root, place, 0, sink);
          case SequenceStart -> streamItems(place, ITEM_DEPTH, sink);
          default -> sink.accept(node(root, 0), place);
        }
      }
    });
  }

  /** Whole documents, each a tree. */
  void documents(Consumer<JsonNode> sink) throws InputException {
    readingEngineErrors(() -> {
      for (Event e = next(); e.getEventId() != Event.ID.StreamEnd; e = next()) {
        if (e.getEventId() == Event.ID.DocumentStart) {
          anchors.clear();
          sink.accept(node(next(), 0));
        }
      }
    });
  }

  /** A reading step that may meet bad input. */
  private interface Reading {
    void run() throws InputException;
  }

  /** Runs {@code reading}, turning the engine's errors (and a nesting deeper than the stack) into input errors. */
  private void readingEngineErrors(Reading reading) throws InputException {
    try {
      reading.run();
    } catch (MarkedYamlEngineException e) {
      throw syntaxError(e);
    } catch (YamlEngineException e) {
      throw engineError(e);
    } catch (StackOverflowError e) {
      throw tooDeep();
    }
  }

  /**
   * A mapping streamed, at {@code depth} (a document's root is at 0): an {@code items} sequence is
   * streamed item by item, and then the rest (a List's own kind and metadata) dropped; a mapping
   * without one is handed over whole. Any mapping with items is a List, as Kubernetes' own decoder
   * takes it, whatever its kind says.
   */
  private void streamMapping(Event start, Place place, int depth, ObjectSink sink) throws InputException {
    checkDepth(depth, start);
    checkTag((CollectionStartEvent) start, Tag.MAP);
    Mapping mapping = new Mapping();
    boolean list = false;
    for (Event key = next(); key.getEventId() != Event.ID.MappingEnd; key = next()) {
      if (isMergeKey(key)) {
        mapping.merge(key, node(next(), depth + 1));
        continue;
      }
      String name = keyOf(key);
      Event value = next();
      if ("items".equals(name) && !mapping.has(name) && value.getEventId() == Event.ID.SequenceStart && !anchored(value)) {
        mapping.put(name, key, NODES.arrayNode());
        streamItems(place, depth + ITEM_DEPTH, sink);
        list = true;
      } else {
        mapping.put(name, key, node(value, depth + 1));
      }
    }
    if (!list) {
      sink.accept(mapping.build(), place);
    }
  }

  /**
   * The items of the sequence just started, each at {@code depth}, handed over on its own: a
   * mapping streamed (it may be a List), anything else composed; an anchored item is composed
   * whole, since aliases later in the document may name it.
   */
  private void streamItems(Place list, int depth, ObjectSink sink) throws InputException {
    int item = 0;
    for (Event e = next(); e.getEventId() != Event.ID.SequenceEnd; e = next()) {
      Place place = list.item(++item, lineNumber(e.getStartMark()));
      if (e.getEventId() == Event.ID.MappingStart && !anchored(e)) {
        streamMapping(e, place, depth, sink);
      } else {
        sink.accept(node(e, depth), place);
      }
    }
  }

  private JsonNode node(Event e, int depth) throws InputException {
    checkDepth(depth, e);
    long before = nodes++;
    JsonNode node = switch (e.getEventId()) {
      case Scalar -> scalar((ScalarEvent) e);
      case Alias -> alias((AliasEvent) e);
      case SequenceStart -> sequence(checkTag((CollectionStartEvent) e, Tag.SEQ), depth);
      case MappingStart -> mapping(checkTag((CollectionStartEvent) e, Tag.MAP), depth);
      default -> throw new InputException(source, lineOf(e), "unexpected YAML event " + e.getEventId());
    };
    if (e instanceof NodeEvent n && !(e instanceof AliasEvent)) {
      Optional<org.snakeyaml.engine.v2.common.Anchor> anchor = n.getAnchor();
      if (anchor.isPresent()) {
        anchors.put(anchor.get().getValue(), new Anchored(node, nodes - before));
      }
    }
    return node;
  }

  /** A collection tagged other than as itself ({@code !!int {a: b}}) is refused, as snakeyaml-engine's constructors do. */
  private CollectionStartEvent checkTag(CollectionStartEvent e, Tag own) throws InputException {
    Optional<String> tag = e.getTag();
    if (tag.isPresent() && !"!".equals(tag.get()) && !own.getValue().equals(tag.get())) {
      throw new InputException(source, lineOf(e), "unsupported tag " + tag.get() + " on a " + (own == Tag.SEQ ? "sequence" : "mapping"));
    }
    return e;
  }

  private ArrayNode sequence(CollectionStartEvent start, int depth) throws InputException {
    ArrayNode array = NODES.arrayNode();
    for (Event e = next(); e.getEventId() != Event.ID.SequenceEnd; e = next()) {
      array.add(node(e, depth + 1));
    }
    return array;
  }

  private JsonNode mapping(CollectionStartEvent start, int depth) throws InputException {
    Mapping mapping = new Mapping();
    for (Event key = next(); key.getEventId() != Event.ID.MappingEnd; key = next()) {
      if (isMergeKey(key)) {
        mapping.merge(key, node(next(), depth + 1));
      } else {
        mapping.put(keyOf(key), key, node(next(), depth + 1));
      }
    }
    return mapping.build();
  }

  /** The value an alias names; what it stands for counts against the expansion budget. */
  private JsonNode alias(AliasEvent e) throws InputException {
    String name = e.getAlias().getValue();
    Anchored target = anchors.get(name);
    if (target == null) {
      throw new InputException(source, lineOf(e), "undefined alias *" + name);
    }
    expand(e, target.size());
    return target.node();
  }

  private void expand(Event at, long size) throws InputException {
    expanded += size;
    nodes += size;
    long budget = EXPANSION_ALLOWANCE + EXPANSION_PER_EVENT * events;
    if (expanded > budget) {
      throw new InputException(source, at == null ? null : lineOf(at),
          "aliases expand to more than " + budget + " nodes (a \"billion laughs\" file?)");
    }
  }

  /** A scalar as snakeyaml-engine's core schema reads it: plain scalars resolved, quoted ones strings, tags obeyed. */
  private JsonNode scalar(ScalarEvent e) throws InputException {
    String value = e.getValue();
    Tag tag = tagOf(e);
    try {
      if (tag.equals(Tag.STR)) {
        return NODES.textNode(value);
      } else if (tag.equals(Tag.NULL)) {
        return NODES.nullNode();
      } else if (tag.equals(Tag.BOOL)) {
        return NODES.booleanNode(Boolean.parseBoolean(value));
      } else if (tag.equals(Tag.INT)) {
        return integer(value);
      } else if (tag.equals(Tag.FLOAT)) {
        return NODES.numberNode(floating(value));
      }
    } catch (NumberFormatException bad) {
      throw new InputException(source, lineOf(e), "cannot read \"" + firstLine(value) + "\" as " + tag);
    }
    throw new InputException(source, lineOf(e), "unsupported tag " + tag);
  }

  private Tag tagOf(ScalarEvent e) {
    Optional<String> explicit = e.getTag();
    if (explicit.isPresent() && !"!".equals(explicit.get())) {
      return new Tag(explicit.get());
    }
    return e.getImplicit().canOmitTagInPlainScalar() ? resolvePlain(e.getValue()) : resolver.resolve(e.getValue(), false);
  }

  /**
   * The resolver's tag for a plain scalar, remembered for the short ones while there is room; a
   * scalar whose first character keys no pattern (most names and values) is a string at once.
   */
  private Tag resolvePlain(String value) {
    if (resolver.isStringByItsFirstChar(value)) {
      return Tag.STR;
    }
    Tag tag = resolved.get(value);
    if (tag == null) {
      tag = resolver.plain(value);
      if (value.length() <= RESOLVED_MAX_LENGTH && resolved.size() < RESOLVED_CAPACITY) {
        resolved.put(value, tag);
      }
    }
    return tag;
  }

  private static JsonNode integer(String value) {
    if (value.length() < 10 && isDecimal(value)) {
      return NODES.numberNode(Integer.parseInt(value)); // the common case (replicas, ports), without a BigInteger
    }
    String digits = value.startsWith("+") ? value.substring(1) : value;
    boolean negative = digits.startsWith("-");
    String unsigned = negative ? digits.substring(1) : digits;
    int radix = 10;
    if (unsigned.startsWith("0o")) {
      radix = 8;
      unsigned = unsigned.substring(2);
    } else if (unsigned.startsWith("0x")) {
      radix = 16;
      unsigned = unsigned.substring(2);
    }
    BigInteger number = new BigInteger(unsigned, radix);
    number = negative ? number.negate() : number;
    if (number.bitLength() < Integer.SIZE) {
      return NODES.numberNode(number.intValue());
    }
    return number.bitLength() < Long.SIZE ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
  }

  /** Digits with an optional sign: fits an int below 10 chars. */
  private static boolean isDecimal(String value) {
    int start = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
    if (start == value.length()) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static double floating(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
  }

  /** A mapping key: a scalar (or an alias of one); its text is the key. */
  private String keyOf(Event key) throws InputException {
    if (key instanceof ScalarEvent s && s.getAnchor().isEmpty() && tagOf(s).equals(Tag.STR)) {
      nodes++;
      return s.getValue(); // almost every key: no node built only to be read back
    }
    JsonNode node = node(key, 0);
    if (!node.isValueNode() && !node.isNull()) {
      throw new InputException(source, lineOf(key), "a mapping key that is not a scalar");
    }
    return node.isNull() && key instanceof ScalarEvent s ? s.getValue() : node.asText();
  }

  private boolean isMergeKey(Event key) {
    return key instanceof ScalarEvent s && "<<".equals(s.getValue()) && s.getTag().isEmpty()
        && s.getImplicit().canOmitTagInPlainScalar() && resolvePlain(s.getValue()).equals(Tag.MERGE);
  }

  private Event next() {
    events++;
    return parser.next();
  }

  private static boolean anchored(Event e) {
    return e instanceof NodeEvent n && n.getAnchor().isPresent();
  }

  private static int lineNumber(Optional<Mark> mark) {
    return mark.map(m -> m.getLine() + 1).orElse(0);
  }

  private static String lineOf(Event e) {
    return e.getStartMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse(null);
  }

  /**
   * Nesting within {@link YamlInput#MAX_DEPTH} can still exhaust a small thread stack (snakeyaml-engine's
   * scanner adds frames of its own at the deepest level): the input's fault, not haguard's.
   */
  private void checkDepth(int depth, Event e) throws InputException {
    if (depth > YamlInput.MAX_DEPTH) {
      throw new InputException(source, lineOf(e), "nested deeper than " + YamlInput.MAX_DEPTH + " levels");
    }
  }

  private InputException tooDeep() {
    return new InputException(source, null, "nested too deeply to read (more than the thread's stack holds)");
  }

  /** An error without a place: unreadable bytes, mostly; snakeyaml-engine wraps the reader's exception. */
  private InputException engineError(YamlEngineException e) {
    if (e.getCause() instanceof CharacterCodingException) {
      return new InputException(source, null, "not valid UTF-8 text");
    }
    return new InputException(source, null, "YAML error: " + firstLine(e.getMessage()));
  }

  private InputException syntaxError(MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark();
    String where = mark.map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse(null);
    return new InputException(source, where, "YAML syntax error: " + firstLine(e.getProblem()));
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse(message);
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }

  /** A value kept for the aliases that name it, with the number of nodes it stands for. */
  private record Anchored(JsonNode node, long size) {}

  /**
   * A mapping being composed: explicit keys (a repeated one is an error) and merged mappings
   * ({@code <<}); explicit keys win, then earlier merged mappings over later ones.
   */
  private final class Mapping {
    private final ObjectNode object = NODES.objectNode();
    private List<ObjectNode> merged;

    boolean has(String key) {
      return object.has(key);
    }

    void put(String key, Event at, JsonNode value) throws InputException {
      if (object.replace(key, value) != null) {
        throw new InputException(source, lineOf(at), "duplicate key \"" + firstLine(key) + "\"");
      }
    }

    void merge(Event at, JsonNode value) throws InputException {
      if (merged == null) {
        merged = new ArrayList<>(1);
      }
      if (value instanceof ObjectNode single) {
        merged.add(single);
        return;
      }
      if (value instanceof ArrayNode several) {
        for (JsonNode each : several) {
          if (!(each instanceof ObjectNode mapping)) {
            throw new InputException(source, lineOf(at), "a merge key (<<) takes a mapping or a list of mappings");
          }
          merged.add(mapping);
        }
        return;
      }
      throw new InputException(source, lineOf(at), "a merge key (<<) takes a mapping or a list of mappings");
    }

    ObjectNode build() throws InputException {
      if (merged == null) {
        return object;
      }
      // merged fields are copies of references: they count against the budget like aliases
      for (ObjectNode source : merged) {
        var fields = source.fields();
        while (fields.hasNext()) {
          var field = fields.next();
          if (!object.has(field.getKey())) {
            object.set(field.getKey(), field.getValue());
          }
        }
        expand(null, source.size());
      }
      return object;
    }
  }
}
