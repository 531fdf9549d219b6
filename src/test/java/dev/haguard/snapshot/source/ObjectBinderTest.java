package dev.haguard.snapshot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haguard.snapshot.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading on one thread and binding on another: stream order, the first error, no reader left behind. */
class ObjectBinderTest {
  private static final int PODS = 5000; // many more than the queue holds, so the reader waits for room

  @TempDir Path dir;

  private static String pod(int n, String containers) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p" + n
        + "\",\"namespace\":\"default\"},\"spec\":{\"containers\":" + containers + "}}";
  }

  /** A List of PODS pods, one per line after the first, with the pod numbered {@code broken} (1-based) unbindable. */
  private Path list(int broken, String tail) throws Exception {
    String items = IntStream.rangeClosed(1, PODS)
        .mapToObj(n -> pod(n, n == broken ? "\"not a list\"" : "[{\"name\":\"app\",\"image\":\"nginx\"}]"))
        .collect(Collectors.joining(",\n"));
    Path file = dir.resolve("pods.json");
    Files.writeString(file, "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n" + items + "\n]}" + tail);
    return file;
  }

  private static ClusterSnapshot.Builder read(Path file) throws SnapshotInputException {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    SnapshotFiles.read(List.of(file.toString()), builder);
    return builder;
  }

  private static boolean readerThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("haguard-reader") && t.isAlive());
  }

  @Test
  void everyObjectArrivesInStreamOrder() throws Exception {
    List<Pod> pods = read(list(0, "")).build().pods();

    assertThat(pods).extracting(p -> p.getMetadata().getName())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, PODS).mapToObj(n -> "p" + n).toList());
    assertThat(readerThreadAlive()).isFalse();
  }

  @Test
  void bindingErrorEarlyInALongListStopsTheReaderAndNamesTheItem() throws Exception {
    Path file = list(2, "");

    assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotInputException.class)
        .hasMessage(file + ": line 3, document 1, item 2: Pod cannot be read: spec.containers: "
            + "Cannot deserialize value of type `java.util.ArrayList<io.fabric8.kubernetes.api.model.Container>` "
            + "from String value (token `JsonToken.VALUE_STRING`)");
    assertThat(readerThreadAlive()).isFalse();
  }

  @Test
  void bindingErrorBeforeASyntaxErrorIsTheOneReported() throws Exception {
    Path file = list(PODS - 1, " trailing garbage");

    assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotInputException.class)
        .hasMessageStartingWith(file + ": line " + PODS + ", document 1, item " + (PODS - 1) + ": Pod cannot be read");
  }

  @Test
  void syntaxErrorAfterGoodObjectsIsReportedWithItsPlace() throws Exception {
    Path file = list(0, " trailing garbage");

    assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotInputException.class)
        .hasMessageStartingWith(file + ": line " + (PODS + 2) + ", column ")
        .hasMessageContaining("JSON syntax error");
    assertThat(readerThreadAlive()).isFalse();
  }
}
