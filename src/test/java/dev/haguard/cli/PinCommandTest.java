package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.registry.LocalRegistry;
import dev.haguard.support.RealTier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haguard pin} end to end against a real registry on loopback. */
@RealTier
class PinCommandTest {
  @TempDir
  static Path registryDir;
  static LocalRegistry registry;
  static String app;
  static String sidecar;
  static String tool;

  @TempDir
  Path dir;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(registryDir);
    app = registry.images().pushImage("team/app", "1.0", "amd64");
    sidecar = registry.images().pushIndex("team/sidecar", "2", "amd64", "arm64");
    tool = registry.images().pushImage("team/tool", "latest", "amd64");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  private static PinRun pin(String... args) {
    return PinRun.of(args);
  }

  private String manifests() {
    String r = registry.host();
    return """
        # A ConfigMap mentioning an image is not a workload: untouched.
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: notes}
        data:
          image: R/team/app:1.0
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web   # trailing comment
        spec:
          replicas: 3
          template:
            spec:
              initContainers:
                - name: init
                  image: "R/team/tool"      # quoted, no tag
              containers:
              - {name: web, image: R/team/app:1.0, ports: [{containerPort: 80}]}
              - name: sidecar
                image:   'R/team/sidecar:2'
              - name: already
                image: R/team/app:1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000
        ---
        # an odd one: anchors and aliases
        kind: CronJob
        apiVersion: batch/v1
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: a
                      image: &shared R/team/app:1.0
                    - name: b
                      image: *shared
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug}
        spec:
          containers: [{name: main, image: "R/team/tool:latest"}]
          ephemeralContainers:
            - name: dbg
              image: R/team/tool:latest
        """.replace("R/", r + "/");
  }

  @Test
  void pinsOnlyTheImagesAndLeavesEveryOtherByteAsItWas() throws Exception {
    Path file = Files.writeString(dir.resolve("all.yaml"), manifests());
    String r = registry.host();
    String expected = manifests()
        .replace("image: \"" + r + "/team/tool\"", "image: \"" + r + "/team/tool@" + tool + "\"")
        .replace("image: " + r + "/team/app:1.0,", "image: " + r + "/team/app:1.0@" + app + ",")
        .replace("'" + r + "/team/sidecar:2'", "'" + r + "/team/sidecar:2@" + sidecar + "'")
        .replace("&shared " + r + "/team/app:1.0\n", "&shared " + r + "/team/app:1.0@" + app + "\n")
        .replace("\"" + r + "/team/tool:latest\"", "\"" + r + "/team/tool:latest@" + tool + "\"")
        .replace("image: " + r + "/team/tool:latest\n", "image: " + r + "/team/tool:latest@" + tool + "\n");

    PinRun run = pin("-f", file.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(expected);
    assertThat(run.out()).contains("data:\n  image: " + r + "/team/app:1.0\n");
    assertThat(Files.readString(file)).isEqualTo(manifests());
  }

  @Test
  void inPlaceRewritesTheFilesOfADirectory() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("k8s"));
    String r = registry.host();
    Path pod = Files.writeString(sub.resolve("pod.yml"),
        "kind: Pod\nspec:\n  containers:\n  - image: " + r + "/team/app:1.0 # pin me\n");
    Path other = Files.writeString(sub.resolve("svc.yaml"), "kind: Service\nspec: {ports: [{port: 80}]}\n");

    PinRun run = pin("-f", dir.toString(), "--in-place");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(pod))
        .isEqualTo("kind: Pod\nspec:\n  containers:\n  - image: " + r + "/team/app:1.0@" + app + " # pin me\n");
    assertThat(Files.readString(other)).isEqualTo("kind: Service\nspec: {ports: [{port: 80}]}\n");
    try (var left = Files.list(sub)) {
      assertThat(left).hasSize(2);
    }
  }

  @Test
  void inPlaceThroughASymlinkPinsTheFileItNamesAndKeepsTheLink() throws Exception {
    String r = registry.host();
    Path target = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("pod.yaml"),
        "kind: Pod\nspec:\n  containers:\n  - image: " + r + "/team/app:1.0\n");
    Path link = Files.createSymbolicLink(dir.resolve("pod.yaml"), target);

    PinRun run = pin("-f", link.toString(), "--in-place");

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target))
        .isEqualTo("kind: Pod\nspec:\n  containers:\n  - image: " + r + "/team/app:1.0@" + app + "\n");
  }

  @Test
  void anUnresolvableImageIsNamedOnStderrLeftUnchangedAndExits1() throws Exception {
    String r = registry.host();
    String text = "kind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
        + "      - image: " + r + "/team/app:missing\n      - image: " + r + "/team/app:1.0\n";
    Path file = Files.writeString(dir.resolve("job.yaml"), "kind: Service\n---\n" + text);

    PinRun run = pin("-f", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(file + ": document 2: " + r + "/team/app:missing: not found");
    assertThat(run.out()).contains("image: " + r + "/team/app:missing\n")
        .contains("image: " + r + "/team/app:1.0@" + app + "\n");
  }

  @Test
  void aYamlSyntaxErrorExits2NamingFileAndLine() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yaml"), "kind: Pod\nspec:\n  containers: [\n  - image: x\n");

    PinRun run = pin("-f", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).containsPattern("broken\\.yaml:\\d+: not valid YAML");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingFileExits2() {
    PinRun run = pin("-f", dir.resolve("nope.yaml").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml: no such file");
  }

  @Test
  void aBrokenDockerConfigExits2WithoutPrintingSecrets() throws Exception {
    Path config = Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"r\":{\"auth\":\"%%%secret\"}}}");
    Path file = Files.writeString(dir.resolve("pod.yaml"), "kind: Pod\n");

    PinRun run = pin("-f", file.toString(), "--docker-config", config.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("config.json").doesNotContain("secret");
  }
}
