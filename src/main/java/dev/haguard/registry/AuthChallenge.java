package dev.haguard.registry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} challenge: none, {@code Basic}, or
 * {@code Bearer realm=...,service=...,scope=...}.
 *
 * @param scheme  {@code none}, {@code basic} or {@code bearer}
 * @param realm   the token endpoint for bearer, else null
 * @param service the service parameter for bearer, or null
 * @param scope   the scope the registry asked for, or null
 */
record AuthChallenge(String scheme, String realm, String service, String scope) {
  static final AuthChallenge NONE = new AuthChallenge("none", null, null, null);
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");

  /** Parses a WWW-Authenticate value; empty when it is missing or a scheme haguard cannot answer. */
  static Optional<AuthChallenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new HashMap<>();
    Matcher m = PARAM.matcher(space < 0 ? "" : trimmed.substring(space + 1));
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
    }
    if (scheme.equals("basic")) {
      return Optional.of(new AuthChallenge("basic", null, null, null));
    }
    if (scheme.equals("bearer") && params.get("realm") != null) {
      return Optional.of(new AuthChallenge("bearer", params.get("realm"), params.get("service"), params.get("scope")));
    }
    return Optional.empty();
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }
}
