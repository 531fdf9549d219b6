package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The names an enum has in JSON (its {@code @JsonProperty} names), for error messages. */
final class EnumValues {
  private EnumValues() {}

  static String of(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(c -> jsonName((Enum<?>) c))
        .collect(Collectors.joining(", "));
  }

  static String jsonName(Enum<?> constant) {
    try {
      JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return p != null ? p.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }
}
