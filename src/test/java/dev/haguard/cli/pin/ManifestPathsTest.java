package dev.haguard.cli.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pin --in-place}'s rewriting of one file: atomic, through symlinks, keeping what the file was. */
class ManifestPathsTest {
  private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));
  @TempDir
  Path dir;

  @Test
  void aSymlinkStaysALinkAndTheFileItNamesIsRewritten() throws Exception {
    Path target = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("app.yaml"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("real", "app.yaml"));

    ManifestPaths.rewrite(link, "pinned\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real", "app.yaml"));
    assertThat(Files.readString(target)).isEqualTo("pinned\n");
    try (var left = Files.list(target.getParent())) {
      assertThat(left).containsExactly(target);
    }
  }

  @Test
  void theOwnerGroupAndPermissionsAreKept() throws Exception {
    Path file = Files.writeString(dir.resolve("app.yaml"), "old\n");
    UserPrincipalLookupService names = file.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    // As root, numeric ids no account has (the JDK looks them up as numbers); as anyone else, their own.
    UserPrincipal owner = AS_ROOT ? names.lookupPrincipalByName("4321") : view.getOwner();
    GroupPrincipal group = AS_ROOT ? names.lookupPrincipalByGroupName("4322") : view.readAttributes().group();
    view.setOwner(owner);
    view.setGroup(group);
    view.setPermissions(PosixFilePermissions.fromString("rw-r-----"));

    ManifestPaths.rewrite(file, "pinned\n");

    var after = Files.getFileAttributeView(file, PosixFileAttributeView.class).readAttributes();
    assertThat(Files.readString(file)).isEqualTo("pinned\n");
    assertThat(after.owner()).isEqualTo(owner);
    assertThat(after.group()).isEqualTo(group);
    assertThat(PosixFilePermissions.toString(after.permissions())).isEqualTo("rw-r-----");
  }

  @Test
  void aDirectoryThatRefusesTheTempFileIsNamedWithTheReasonAndTheFileStays() throws Exception {
    Path readOnly = Files.createDirectories(dir.resolve("ro"));
    Path file = Files.writeString(readOnly.resolve("app.yaml"), "old\n");
    // Root writes in any directory chmod makes read-only, but not in an immutable one (chattr, root only).
    lockDirectory(readOnly, true);
    try {
      assertThatThrownBy(() -> ManifestPaths.rewrite(file, "pinned\n")).isInstanceOf(PinInputException.class)
          .hasMessage(file + ": not rewritten: cannot create a temp file in " + readOnly + ": "
              + (AS_ROOT ? "operation not permitted" : "permission denied"));
      assertThat(Files.readString(file)).isEqualTo("old\n");
    } finally {
      lockDirectory(readOnly, false);
    }
  }

  private static void lockDirectory(Path directory, boolean locked) throws Exception {
    if (AS_ROOT) {
      Process chattr = new ProcessBuilder("chattr", locked ? "+i" : "-i", directory.toString()).inheritIO().start();
      assertThat(chattr.waitFor()).as("chattr (e2fsprogs)").isZero();
    } else {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(locked ? "r-xr-xr-x" : "rwxr-xr-x"));
    }
  }
}
