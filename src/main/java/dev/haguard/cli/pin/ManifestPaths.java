package dev.haguard.cli.pin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The files behind {@code -f} paths, and safe rewriting of a file in place. */
public final class ManifestPaths {
  private ManifestPaths() {}

  /** Reads every path: a file as it is, a directory's {@code .yaml}, {@code .yml} and {@code .json} files, sorted. */
  public static List<ManifestFile> read(List<Path> paths) throws PinInputException {
    List<ManifestFile> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        for (Path file : manifestsUnder(path)) {
          files.add(ManifestFile.read(file));
        }
      } else {
        files.add(ManifestFile.read(path));
      }
    }
    return files;
  }

  private static List<Path> manifestsUnder(Path dir) throws PinInputException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(ManifestPaths::isManifestName).sorted().toList();
    } catch (IOException e) {
      throw new PinInputException(dir + ": cannot list: " + e.getMessage());
    }
  }

  private static boolean isManifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /**
   * Replaces {@code file}'s content with {@code text}: written to a temp file beside it, then renamed
   * over it, so that a failure leaves the original intact. The file's permissions are kept.
   */
  public static void rewrite(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".pin.tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
