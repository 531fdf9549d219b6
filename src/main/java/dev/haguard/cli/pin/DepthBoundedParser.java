package dev.haguard.cli.pin;

import dev.haguard.input.YamlInput;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that refuses nesting deeper than {@link YamlInput#MAX_DEPTH}: snakeyaml-engine's Composer
 * recurses once per level, and a document nested a few thousand levels overflows the stack.
 */
final class DepthBoundedParser implements Parser {
  /** Nesting past the bound, at a line (from 1). */
  static final class TooDeepException extends RuntimeException {
    private final int line;

    TooDeepException(int line) {
      super("nested deeper than " + YamlInput.MAX_DEPTH + " levels", null, false, false);
      this.line = line;
    }

    int line() {
      return line;
    }
  }

  private final Parser parser;
  private int depth;

  DepthBoundedParser(Parser parser) {
    this.parser = parser;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public Event next() {
    Event event = parser.next();
    // A node's depth is the collections around it (a document's root is at 0), as the input layer counts.
    if (event instanceof NodeEvent && depth > YamlInput.MAX_DEPTH) {
      throw new TooDeepException(event.getStartMark().map(mark -> mark.getLine() + 1).orElse(0));
    }
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> depth++;
      case MappingEnd, SequenceEnd -> depth--;
      default -> { }
    }
    return event;
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }
}
