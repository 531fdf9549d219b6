package dev.haguard.input;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
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
  /** The first characters the schema's patterns are keyed by; null when the shortcut does not hold. */
  private final Set<Character> patternFirstChars;

  CoreScalarTags() {
    super(true); // as CoreSchema builds it: merge keys on
    // The core schema registers one pattern for any first character: EMPTY, for the empty scalar
    // (CoreScalarTagsTest holds the shortcut to the engine's answers for the version in use).
    boolean onlyEmpty = !yamlImplicitResolvers.containsKey(null) || yamlImplicitResolvers.get(null).size() == 1;
    this.patternFirstChars = onlyEmpty
        ? yamlImplicitResolvers.keySet().stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet())
        : null;
  }

  /** The tag of the plain (unquoted, untagged) scalar {@code value}. */
  Tag plain(String value) {
    if (patternFirstChars != null && !value.isEmpty() && !patternFirstChars.contains(value.charAt(0))) {
      return Tag.STR;
    }
    return resolve(value, true);
  }
}
