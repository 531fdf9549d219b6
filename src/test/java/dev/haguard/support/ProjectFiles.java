package dev.haguard.support;

import java.nio.file.Path;

/** Paths inside the project, wherever the tests run from. */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Path root() {
    return Path.of(System.getProperty("haguard.projectDir", ".")).toAbsolutePath().normalize();
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }
}
