package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** Binds a policy spec strictly, turning Jackson's errors into one line that names the field. */
final class SpecBinding {
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private SpecBinding() {}

  static ClusterPolicySpec bind(JsonNode raw) throws InvalidSpecException {
    try {
      return STRICT.treeToValue(raw, ClusterPolicySpec.class);
    } catch (JsonMappingException e) {
      throw new InvalidSpecException(describe(e, raw));
    } catch (Exception e) {
      throw new InvalidSpecException("spec: " + e.getMessage());
    }
  }

  private static String describe(JsonMappingException e, JsonNode raw) {
    String field =
        "spec"
            + e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
    if (e instanceof UnrecognizedPropertyException u) {
      return field + ": unknown field \"" + u.getPropertyName() + "\"";
    }
    if (e instanceof InvalidFormatException f) {
      String allowed =
          f.getTargetType() != null && f.getTargetType().isEnum()
              ? " (allowed: " + EnumValues.of(f.getTargetType()) + ")"
              : " (expected " + f.getTargetType().getSimpleName().toLowerCase() + ")";
      return field + ": invalid value \"" + f.getValue() + "\"" + allowed;
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() == SeverityOverride.class
        && valueAt(raw, e).isBoolean()) {
      // The runbook's `off`, unquoted: YAML 1.1 (kubectl, PyYAML, Jackson's YAML) reads off/on/no/yes as booleans.
      return field + ": a boolean, not a severity: YAML reads a bare off as false; quote it, \"off\" (allowed: "
          + EnumValues.of(SeverityOverride.class) + ")";
    }
    String type = e.getPath().isEmpty() ? "object" : "a value of another type";
    return field + ": cannot be read as " + type;
  }

  private static JsonNode valueAt(JsonNode raw, JsonMappingException e) {
    JsonNode node = raw;
    for (JsonMappingException.Reference r : e.getPath()) {
      node = r.getFieldName() != null ? node.path(r.getFieldName()) : node.path(r.getIndex());
    }
    return node;
  }

  static final class InvalidSpecException extends Exception {
    InvalidSpecException(String message) {
      super(message);
    }
  }
}
