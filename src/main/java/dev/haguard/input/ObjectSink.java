package dev.haguard.input;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives the top-level values of a stream: each document, or each item of a List document. */
@FunctionalInterface
public interface ObjectSink {
  /**
   * @param value a document's root, or an item of its {@code items} (any node: the sink decides what it accepts)
   * @param place where it starts
   */
  void accept(JsonNode value, Place place) throws InputException;
}
