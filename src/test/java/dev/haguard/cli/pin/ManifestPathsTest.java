package dev.haguard.cli.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file to another owner");
    Path file = Files.writeString(dir.resolve("app.yaml"), "old\n");
    UserPrincipalLookupService names = file.getFileSystem().getUserPrincipalLookupService();
    // Numeric ids no account has: the JDK looks them up as numbers, whatever /etc/passwd holds.
    UserPrincipal owner = names.lookupPrincipalByName("4321");
    GroupPrincipal group = names.lookupPrincipalByGroupName("4322");
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
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
    assumeFalse("root".equals(System.getProperty("user.name")), "root writes in every directory");
    Path readOnly = Files.createDirectories(dir.resolve("ro"));
    Path file = Files.writeString(readOnly.resolve("app.yaml"), "old\n");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> ManifestPaths.rewrite(file, "pinned\n")).isInstanceOf(PinInputException.class)
          .hasMessage(file + ": not rewritten: cannot create a temp file in " + readOnly + ": permission denied");
      assertThat(Files.readString(file)).isEqualTo("old\n");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
