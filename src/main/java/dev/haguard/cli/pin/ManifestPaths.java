package dev.haguard.cli.pin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The files behind {@code -f} paths, and safe rewriting of a file in place. */
public final class ManifestPaths {
  private ManifestPaths() {}

  /**
   * Reads every path: a file as it is, a directory's {@code .yaml}, {@code .yml} and {@code .json} files, sorted.
   *
   * @throws PinInputException also for a directory without such files, and for paths that hold no
   *     Kubernetes object at all (an empty file, {@code /dev/null}): input pin did not really read
   */
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
    if (files.stream().noneMatch(ManifestFile::holdsKubernetesObjects)) {
      throw new PinInputException("no Kubernetes object (a YAML document with a kind) in "
          + String.join(", ", paths.stream().map(Path::toString).toList()));
    }
    return files;
  }

  private static List<Path> manifestsUnder(Path dir) throws PinInputException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(ManifestPaths::isManifestName).sorted().toList();
    } catch (IOException e) {
      throw new PinInputException(dir + ": cannot list: " + FileErrors.reason(e));
    } catch (UncheckedIOException e) { // a subdirectory the walk cannot enter: name it
      Path where = e.getCause() instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : dir;
      throw new PinInputException(where + ": cannot list: " + FileErrors.reason(e.getCause()));
    }
    if (files.isEmpty()) {
      throw new PinInputException(dir + ": no *.yaml, *.yml or *.json files in this directory");
    }
    return files;
  }

  private static boolean isManifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /**
   * Replaces {@code file}'s content with {@code text}: written to a temp file beside it, then renamed
   * over it, so that a failure leaves the original intact. A symlink is followed: the file it names is
   * rewritten and the link stays. The file's permissions are kept, and its owner and group where this
   * user may set them (always as root).
   *
   * @throws PinInputException naming the file, the step that failed and why; the file is then unchanged
   */
  public static void rewrite(Path file, String text) throws PinInputException {
    String notRewritten = file + ": not rewritten: ";
    Path target;
    try {
      // Renaming over a symlink would replace the link with a pinned copy and leave its target as it was.
      target = file.toRealPath();
    } catch (IOException e) {
      throw new PinInputException(notRewritten + FileErrors.reason(e));
    }
    Path dir = target.getParent();
    Path temp;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".pin.tmp");
    } catch (IOException e) {
      throw new PinInputException(notRewritten + "cannot create a temp file in " + dir + ": " + FileErrors.reason(e));
    }
    String step = "cannot write its new text to " + temp;
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      keepAttributes(target, temp);
      step = "cannot rename " + temp + " over it";
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new PinInputException(notRewritten + step + ": " + FileErrors.reason(e) + removed(temp));
    }
  }

  /** Removes a temp file that was not renamed; says so when it stays behind. */
  private static String removed(Path temp) {
    try {
      Files.deleteIfExists(temp);
      return "";
    } catch (IOException e) {
      return " (and " + temp + " could not be removed: " + FileErrors.reason(e) + ")";
    }
  }

  private static void keepAttributes(Path original, Path copy) throws IOException {
    PosixFileAttributeView originalView = Files.getFileAttributeView(original, PosixFileAttributeView.class);
    PosixFileAttributeView copyView = Files.getFileAttributeView(copy, PosixFileAttributeView.class);
    if (originalView == null || copyView == null) {
      return;
    }
    PosixFileAttributes attributes = originalView.readAttributes();
    // Only root may give a file away (and only a member may give it a group): as with sed -i, a user who
    // may not keeps the rewritten file as their own rather than be refused an edit they may make.
    try {
      copyView.setOwner(attributes.owner());
    } catch (FileSystemException notPermitted) {
      // the rewritten file stays this user's
    }
    try {
      copyView.setGroup(attributes.group());
    } catch (FileSystemException notPermitted) {
      // the rewritten file keeps this user's group
    }
    // After the owner: changing it may clear the set-id bits.
    copyView.setPermissions(attributes.permissions());
  }
}
