package dev.haguard.snapshot;

import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its IP addresses; the adapters pass the JDK's, tests can pass their own. */
@FunctionalInterface
public interface HostResolver {
  List<String> resolve(String host) throws UnknownHostException;
}
