package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.RuleCatalogue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link AuditFuzzTest} found, one case each: damage that once crashed {@code audit} or
 * gave an unclear message, and objects that make no sense but are tolerated.
 */
class AuditDamagedInputTest {
  private static final String NODE = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n";

  @TempDir Path dir;

  private static AuditRun audit(Path file) {
    return AuditRun.of(RuleCatalogue.all(), host -> List.of(), "-f", file.toString(), "-o", "json");
  }

  private static void assertBadInput(AuditRun run, Path file, String... fragments) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("haguard audit: " + file + ": ")
        .contains(fragments).hasSizeLessThan(500);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void invalidUtf8IsNamedWithoutAnExceptionClass() throws Exception {
    byte[] text = (NODE + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: \"").getBytes(
        StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 3];
    System.arraycopy(text, 0, bytes, 0, text.length);
    bytes[text.length] = (byte) 0x93;
    bytes[text.length + 1] = '"';
    bytes[text.length + 2] = '}';
    Path file = Files.write(dir.resolve("garbage.yaml"), bytes);

    assertBadInput(audit(file), file, "not valid UTF-8 text");
  }

  @Test
  void aHugeValueOfTheWrongTypeIsQuotedShortly() throws Exception {
    Path file = Files.writeString(dir.resolve("huge.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": \""
            + "x".repeat(1 << 20) + "\"}");

    assertBadInput(audit(file), file, "Pod p cannot be read: spec: ");
  }

  @Test
  void anObjectWithoutANameIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("nameless.yaml"),
        NODE + "---\napiVersion: v1\nkind: Pod\nmetadata: {namespace: a}\nspec: {nodeName: n1}\n");

    assertBadInput(audit(file), file, "document 2: Pod has no metadata.name");
  }

  @Test
  void referencesToObjectsThatDoNotExistAndOwnerCyclesAreTolerated() throws Exception {
    Path file = Files.writeString(dir.resolve("nonsense.yaml"), NODE + """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: on-a-missing-node, namespace: a}
        spec: {nodeName: no-such-node, containers: [{name: c, image: nginx:1.27}]}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: claim, namespace: a}
        spec: {volumeName: no-such-volume}
        status: {phase: Bound}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: a
          namespace: a
          uid: uid-a
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: b, uid: uid-b, controller: true}]
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: b
          namespace: a
          uid: uid-b
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: uid-a, controller: true}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: owned-by-the-cycle
          namespace: a
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: uid-a, controller: true}]
        spec:
          nodeName: n1
          volumes: [{name: data, persistentVolumeClaim: {claimName: claim}}]
          containers: [{name: c, image: nginx:1.27}]
        """);

    AuditRun run = audit(file);

    assertThat(run.exit()).isIn(0, 1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("on-a-missing-node");
  }
}
