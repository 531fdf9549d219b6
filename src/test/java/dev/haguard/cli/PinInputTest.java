package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.input.YamlInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code haguard pin} makes of its input when no registry is needed to tell. */
class PinInputTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

  @TempDir
  Path dir;

  private static PinRun pin(String... args) {
    return PinRun.of(args);
  }

  @Test
  void anImageThatIsNotAStringIsNamedByLineAndContainerAndExits1() throws Exception {
    String text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - {name: nothing, image: null}
          - {name: tilde, image: ~}
          - {name: number, image: 12345}
          - {name: flag, image: true}
          - {name: list, image: [a]}
          - name: template
            image: {{ .Values.image }}
          - image: !!binary aGVsbG8=
          - {name: pinned, image: "registry.example.com/app:1@DIGEST"}
        """.replace("DIGEST", DIGEST);
    Path file = Files.writeString(dir.resolve("odd.yaml"), text);

    PinRun run = pin("-f", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly(
        "haguard pin: " + file + ":6: document 1: container nothing: the image is null, not a string",
        "haguard pin: " + file + ":7: document 1: container tilde: the image is null, not a string",
        "haguard pin: " + file + ":8: document 1: container number: the image is a number, not a string",
        "haguard pin: " + file + ":9: document 1: container flag: the image is a boolean, not a string",
        "haguard pin: " + file + ":10: document 1: container list: the image is a sequence, not a string",
        "haguard pin: " + file + ":12: document 1: container template: the image is a mapping, not a string "
            + "(an unquoted {{ }} template expression: pin reads rendered manifests, such as helm template's)",
        "haguard pin: " + file + ":13: document 1: containers[6]: the image is tagged !!binary, not a string");
    assertThat(run.out()).isEqualTo(text);
  }

  @Test
  void aDirectoryWithoutManifestsExits2() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "kind: Pod\n");

    PinRun run = pin("-f", empty.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly(
        "haguard pin: " + empty + ": no *.yaml, *.yml or *.json files in this directory");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void inputWithoutAnyKubernetesObjectExits2() throws Exception {
    Path comments = Files.writeString(dir.resolve("comments.yaml"), "# nothing here yet\n---\n");
    Path values = Files.writeString(dir.resolve("values.yaml"), "image: {repository: app, tag: '1'}\n");

    PinRun run = pin("-f", "/dev/null", comments.toString(), values.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("haguard pin: no Kubernetes object (a YAML document with a kind) in "
        + "/dev/null, " + comments + ", " + values);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void objectsWithNothingToPinExit0() throws Exception {
    String text = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n";
    Path service = Files.writeString(dir.resolve("svc.yaml"), text);

    PinRun run = pin("-f", service.toString(), "/dev/null");

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(text + "---\n");
  }

  @Test
  void aMissingDockerConfigOrCaBundleIsNoSuchFile() throws Exception {
    Path pod = Files.writeString(dir.resolve("pod.yaml"), "kind: Pod\n");
    Path nope = dir.resolve("nope.json");

    PinRun config = pin("-f", pod.toString(), "--docker-config", nope.toString());
    PinRun ca = pin("-f", pod.toString(), "--registry-ca-file", nope.toString());

    assertThat(config.exit()).isEqualTo(2);
    assertThat(config.errLines()).containsExactly("haguard pin: " + nope + ": no such file");
    assertThat(ca.exit()).isEqualTo(2);
    assertThat(ca.errLines()).containsExactly("haguard pin: " + nope + ": no such file");
  }

  @Test
  void filesThatCannotBeReadSayPermissionDenied() throws Exception {
    Path pod = Files.writeString(dir.resolve("pod.yaml"), "kind: Pod\n");
    // A write-only sysctl: nobody, root included, may read it (root reads any file chmod 000 makes).
    Path locked = Path.of("/proc/sys/vm/drop_caches");

    assertThat(pin("-f", pod.toString(), "--docker-config", locked.toString()).errLines())
        .containsExactly("haguard pin: " + locked + ": cannot read: permission denied");
    assertThat(pin("-f", pod.toString(), "--registry-ca-file", locked.toString()).errLines())
        .containsExactly("haguard pin: " + locked + ": cannot read: permission denied");
    assertThat(pin("-f", locked.toString()).errLines())
        .containsExactly("haguard pin: " + locked + ": cannot read: permission denied");
  }

  @Test
  void aDirectoryTheWalkCannotEnterIsNamed() throws Exception {
    // Root enters any directory chmod locks, but cannot list another process's map_files (that needs
    // CAP_SYS_ADMIN); anyone else meets a directory chmod 000 inside the one given. This was exit 3.
    Path lockedDir = AS_ROOT ? Path.of("/proc/1/map_files")
        : Files.createDirectories(dir.resolve("manifests").resolve("locked"));
    if (!AS_ROOT) {
      Files.setPosixFilePermissions(lockedDir, Set.of());
    }
    PinRun walk = pin("-f", AS_ROOT ? lockedDir.toString() : lockedDir.getParent().toString());
    assertThat(walk.exit()).isEqualTo(2);
    assertThat(walk.errLines()).containsExactly("haguard pin: " + lockedDir + ": cannot list: permission denied");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a host", "http://registry.local:5000", "registry.local:port", ""})
  void anInsecureRegistryThatIsNoHostPortExits2(String value) throws Exception {
    Path pod = Files.writeString(dir.resolve("pod.yaml"), "kind: Pod\n");

    PinRun run = pin("-f", pod.toString(), "--insecure-registry", value);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("haguard pin: --insecure-registry '" + value
        + "': not a registry host[:port] as image names write it, such as registry.local:5000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry.local:5000", "localhost", "10.0.0.7:5000", "[::1]:5000", "Registry.Example.com"})
  void anInsecureRegistryHostPortIsTaken(String value) throws Exception {
    Path pod = Files.writeString(dir.resolve("pod.yaml"), "kind: Pod\n");

    PinRun run = pin("-f", pod.toString(), "--insecure-registry", value);

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
  }

  @Test
  void yamlNestedDeeperThanTheInputLayerReadsExits2NamingTheLine() throws Exception {
    Path deep = Files.writeString(dir.resolve("deep.yaml"), configMapNested(2_000));
    Path deepest = Files.writeString(dir.resolve("deepest.yaml"), configMapNested(YamlInput.MAX_DEPTH - 1));

    PinRun tooDeep = pin("-f", deep.toString());
    PinRun atTheBound = pin("-f", deepest.toString());

    assertThat(tooDeep.exit()).isEqualTo(2);
    assertThat(tooDeep.errLines()).containsExactly("haguard pin: " + deep + ":4: nested deeper than 1000 levels");
    assertThat(tooDeep.out()).isEmpty();
    assertThat(atTheBound.err()).isEmpty();
    assertThat(atTheBound.exit()).isZero();
  }

  /** A ConfigMap whose one value is {@code levels} sequences deep, under the root and data mappings. */
  private static String configMapNested(int levels) {
    return "apiVersion: v1\nkind: ConfigMap\ndata:\n  x: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
  }
}
