package dev.haguard.demo;

import dev.haguard.snapshot.HostResolver;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves names from a file in /etc/hosts format ({@code IP name [alias...]}, {@code #} comments),
 * and IP literals as themselves; any other name is unknown. The demo never asks DNS: it runs
 * without a network, and its answers must not depend on the machine it runs on.
 */
public final class HostsFile implements HostResolver {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

  private final Map<String, List<String>> addressesByName;

  private HostsFile(Map<String, List<String>> addressesByName) {
    this.addressesByName = addressesByName;
  }

  /**
   * The names of {@code file}; no names at all when it does not exist.
   *
   * @throws IllegalArgumentException on a line that is not an address and names (names the file and line)
   */
  public static HostsFile read(Path file) throws IOException {
    Map<String, List<String>> names = new HashMap<>();
    if (Files.isRegularFile(file)) {
      List<String> lines = Files.readAllLines(file);
      for (int number = 1; number <= lines.size(); number++) {
        String line = lines.get(number - 1);
        int hash = line.indexOf('#');
        String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
        if (!fields[0].isEmpty() && (fields.length < 2 || !IP_LITERAL.matcher(fields[0]).matches())) {
          throw new IllegalArgumentException(file + ": line " + number + ": expected an IP address and at least one name, got \""
              + line.strip() + "\"");
        }
        for (int i = 1; i < fields.length; i++) {
          names.computeIfAbsent(fields[i].toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(fields[0]);
        }
      }
    }
    return new HostsFile(names);
  }

  @Override
  public List<String> resolve(String host) throws UnknownHostException {
    if (IP_LITERAL.matcher(host).matches()) {
      return List.of(host);
    }
    List<String> addresses = addressesByName.get(host.toLowerCase(Locale.ROOT));
    if (addresses == null) {
      throw new UnknownHostException(host + " (not in the demo's hosts file)");
    }
    return List.copyOf(addresses);
  }
}
