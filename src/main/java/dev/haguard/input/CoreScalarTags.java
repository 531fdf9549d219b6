package dev.haguard.input;

import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/**
 * The YAML 1.2 core schema's tags of plain scalars, with one shortcut: the schema's resolver keys its
 * patterns by the first character a match can have, so a plain scalar starting with any other
 * character is a string, and needs no pattern tried. snakeyaml-engine still tries its pattern for the
 * empty scalar on every value (a Matcher each: a fifth of what a 100k-pod YAML List allocated).
 * The shortcut holds only while one pattern (the empty scalar's) is tried for every first
 * character; otherwise every value goes to the resolver.
 */
final class CoreScalarTags extends CoreScalarResolver {
  private static final int ASCII = 128;
  /**
   * Indexed by character: whether the schema keys a pattern by it; null when the shortcut does not
   * hold. ASCII only: a first character beyond it keys no pattern of the core schema.
   */
  private final boolean[] keysPattern;

  CoreScalarTags() {
    super(true); // as CoreSchema builds it: merge keys on
    // The core schema registers one pattern for any first character: EMPTY, for the empty scalar
    // (CoreScalarTagsTest holds the shortcut to the engine's answers for the version in use).
    boolean onlyEmpty = !yamlImplicitResolvers.containsKey(null) || yamlImplicitResolvers.get(null).size() == 1;
    boolean ascii = yamlImplicitResolvers.keySet().stream().filter(Objects::nonNull).allMatch(c -> c < ASCII);
    this.keysPattern = onlyEmpty && ascii ? new boolean[ASCII] : null;
    if (keysPattern != null) {
      yamlImplicitResolvers.keySet().stream().filter(Objects::nonNull).forEach(c -> keysPattern[c] = true);
    }
  }

  /** The tag of the plain (unquoted, untagged) scalar {@code value}. */
  Tag plain(String value) {
    return isStringByItsFirstChar(value) ? Tag.STR : resolve(value, true);
  }

  /** Whether {@code value} is a string whatever follows its first character, which keys no pattern. */
  boolean isStringByItsFirstChar(String value) {
    if (keysPattern == null || value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return first >= ASCII || !keysPattern[first];
  }
}
