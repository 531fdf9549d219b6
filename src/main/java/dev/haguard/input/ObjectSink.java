package dev.haguard.input;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives the values of a stream one at a time: each document, or each item of a List (a List item that is a List: each of its items). */
@FunctionalInterface
public interface ObjectSink {
  /**
   * @param value a document's root, or an item of a List's {@code items} (any node: the sink decides what it accepts)
   * @param place where it starts
   */
  void accept(JsonNode value, Place place) throws InputException;
}
