package dev.haguard.image;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a multi-arch image can run on every node: a pure check the analysis can use for
 * {@code image-arch-missing} without calling a registry.
 */
public final class ArchitectureCoverage {
  private ArchitectureCoverage() {}

  /**
   * The node architectures ({@code kubernetes.io/arch} values) that no linux platform of the index
   * provides, sorted. Empty when {@code platforms} is empty: a single-arch manifest does not say its
   * architecture in the manifest, so nothing can be concluded from it.
   */
  public static Set<String> missing(List<Platform> platforms, Collection<String> nodeArchitectures) {
    Set<String> missing = new TreeSet<>();
    if (platforms.isEmpty()) {
      return missing;
    }
    for (String arch : nodeArchitectures) {
      boolean covered = platforms.stream()
          .anyMatch(p -> arch.equals(p.architecture()) && (p.os() == null || "linux".equals(p.os())));
      if (arch != null && !covered) {
        missing.add(arch);
      }
    }
    return missing;
  }
}
