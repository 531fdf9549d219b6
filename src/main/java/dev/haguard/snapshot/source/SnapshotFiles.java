package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.input.InputException;
import dev.haguard.input.YamlInput;
import dev.haguard.snapshot.ClusterSnapshot;
import dev.haguard.snapshot.ReadSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a snapshot from what {@code kubectl get ... -o yaml|json} prints: files, or directories
 * of {@code *.yaml}, {@code *.yml} and {@code *.json} files (recursively, in sorted order), or
 * {@code -} for standard input. JSON is read by Jackson's JSON parser as a token stream, YAML by
 * the project's YAML layer ({@link YamlInput}) one List item at a time; see {@link ObjectStream}.
 */
public final class SnapshotFiles {
  /** The name that stands for standard input. */
  public static final String STDIN = "-";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static {
    // fabric8 configures the mapper it is given (its modules and settings), so model classes bind as fabric8 binds them.
    new KubernetesSerialization(MAPPER, false);
    // A count written 2.5 is not a count: Jackson would truncate it to 2 unasked.
    MAPPER.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    StrictBinding.configure(MAPPER);
  }

  private SnapshotFiles() {}

  /**
   * Adds the kept fields ({@link ReadSet#kept}) of every object of {@code paths} that the analysis
   * reads to {@code builder}. Paths holding none are an error, not an empty cluster: a gate pointed
   * at the wrong files must not pass.
   *
   * @return what was skipped that the analysis would have read, to be said once: objects of its
   *     kinds in versions it does not read ({@link OtherVersions})
   */
  public static Optional<String> read(List<String> paths, ClusterSnapshot.Builder builder) throws SnapshotInputException {
    return read(paths, builder, (object, file, line) -> { });
  }

  /** As {@link #read(List, ClusterSnapshot.Builder)}, telling {@code places} where each object added was read. */
  public static Optional<String> read(List<String> paths, ClusterSnapshot.Builder builder, ObjectPlaces places)
      throws SnapshotInputException {
    return read(paths, true, (kept, file, line) -> {
      boolean added = builder.add(kept);
      if (added) {
        places.read(kept, file, line);
      }
      return added;
    });
  }

  /**
   * Every object of {@code paths} of a kind the analysis reads, whole, as bound, to {@code sink}.
   * Paths of which the sink takes none are an error (see {@link #read(List, ClusterSnapshot.Builder)}).
   */
  public static void readWhole(List<String> paths, WholeObjects sink) throws SnapshotInputException {
    read(paths, false, sink);
  }

  /** Every object of {@code paths} of a kind the analysis reads, in its kept form or whole, to {@code sink}. */
  private static Optional<String> read(List<String> paths, boolean kept, WholeObjects sink) throws SnapshotInputException {
    int[] taken = {0};
    OtherVersions otherVersions = new OtherVersions();
    for (String path : paths) {
      if (STDIN.equals(path)) {
        read(System.in, "<stdin>", null, kept, otherVersions, (o, line) -> taken[0] += sink.take(o, null, line) ? 1 : 0);
      } else {
        for (Path file : expand(Path.of(path))) {
          readFile(file, kept, otherVersions, (o, line) -> taken[0] += sink.take(o, file, line) ? 1 : 0);
        }
      }
    }
    if (taken[0] == 0) {
      String all = String.join(", ", paths);
      throw new SnapshotInputException(all, null, "no Kubernetes objects that haguard reads in " + all
          + otherVersions.note().map(note -> "; " + note).orElse(""));
    }
    return otherVersions.note();
  }

  /** Where each object added to a snapshot was read. */
  @FunctionalInterface
  public interface ObjectPlaces {
    /**
     * @param object the object as the snapshot keeps it
     * @param file   its file; null for standard input
     * @param line   the 1-based line it starts on: its List item's, its document's, or its JSON {@code {}'s
     */
    void read(HasMetadata object, Path file, int line);
  }

  /** Receives whole objects as they are read. */
  @FunctionalInterface
  public interface WholeObjects {
    /**
     * @param file null for standard input
     * @return whether the object was taken (of a kind and name the snapshot reads)
     */
    boolean take(HasMetadata object, Path file, int line);
  }

  /**
   * A file itself, or the snapshot files under a directory, sorted. Symbolic links are followed: a
   * directory given as a link, links to directories and files inside it (as a ConfigMap volume
   * lays out its files: {@code demo.yaml -> ..data/demo.yaml}, {@code ..data -> ..2026_...}); a file
   * reached by several paths is read once, by the shortest. A loop of links, and a link named as a
   * snapshot file that leads to no file, are bad input: skipped, they would leave objects unread.
   */
  static List<Path> expand(Path path) throws SnapshotInputException {
    if (!Files.exists(path)) {
      throw new SnapshotInputException(path.toString(), null, "no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    Map<Path, Path> byRealPath = new HashMap<>();
    try (Stream<Path> walk = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          if (formatOf(p) != null) {
            byRealPath.merge(p.toRealPath(), p, SnapshotFiles::shorter);
          }
        } else if (Files.isSymbolicLink(p) && !Files.exists(p) && formatOf(p) != null) {
          throw new SnapshotInputException(p.toString(), null,
              "a broken symbolic link (to " + Files.readSymbolicLink(p) + ")");
        }
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileSystemLoopException loop) {
        throw new SnapshotInputException(loop.getFile(), null, "a loop of symbolic links (a link to a directory it is in)");
      }
      throw new SnapshotInputException(path.toString(), null, "cannot list the directory: " + e.getCause().getMessage());
    } catch (IOException e) {
      throw new SnapshotInputException(path.toString(), null, "cannot list the directory: " + e.getMessage());
    }
    if (byRealPath.isEmpty()) {
      throw new SnapshotInputException(path.toString(), null, "no *.yaml, *.yml or *.json files in this directory");
    }
    List<Path> files = new ArrayList<>(byRealPath.values());
    files.sort(null);
    return files;
  }

  /** Of two paths to one file, the one of fewer names (then the first in order): the one a user wrote. */
  private static Path shorter(Path a, Path b) {
    int byLength = Integer.compare(a.getNameCount(), b.getNameCount());
    return byLength < 0 || byLength == 0 && a.compareTo(b) <= 0 ? a : b;
  }

  private static void readFile(Path file, boolean kept, OtherVersions otherVersions, ObjectStream.Sink sink)
      throws SnapshotInputException {
    try (InputStream in = open(file)) {
      read(in, file.toString(), formatOf(file), kept, otherVersions, sink);
    } catch (NoSuchFileException e) {
      throw new SnapshotInputException(file.toString(), null, "no such file");
    } catch (AccessDeniedException e) {
      throw new SnapshotInputException(file.toString(), null, "permission denied");
    } catch (IOException e) {
      throw new SnapshotInputException(file.toString(), null, "cannot read: " + e.getMessage());
    }
  }

  /**
   * A regular file through NIO (whose errors say a missing file from a forbidden one); anything
   * else (a named pipe, {@code /dev/fd/N} of a shell's {@code <(...)}, a character device) as a
   * FileInputStream: JDK 17's NIO stream answers {@code available()} from the channel's size and
   * position, which a pipe has not ("Illegal seek"), and the buffered readers ask it.
   */
  private static InputStream open(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    return new FileInputStream(file.toFile());
  }

  /** Reads one stream; a null format means: look at the first character ({@code {} or {@code [} is JSON). */
  static void read(InputStream raw, String name, Format format, boolean kept, OtherVersions otherVersions,
      ObjectStream.Sink sink) throws SnapshotInputException {
    try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
      Format actual = format != null ? format : sniff(in);
      ObjectStream objects = new ObjectStream(MAPPER, name, actual.name(), kept, otherVersions);
      if (actual == Format.YAML) {
        Optional<String> utf16 = utf16(in);
        if (utf16.isPresent()) {
          throw new SnapshotInputException(name, null, "not valid UTF-8 text: it looks like UTF-16 (" + utf16.get()
              + "); convert it, e.g. iconv -f UTF-16 -t UTF-8");
        }
        // Bytes that are not UTF-8 are an error, never silently replaced by U+FFFD.
        Reader text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        YamlInput.stream(text, name,
            (value, place) -> objects.accept(value, place, sink));
        return;
      }
      try (JsonParser parser = JSON.createParser(in)) {
        parser.setCodec(MAPPER); // fabric8's deserializers (Quantity, IntOrString...) read sub-trees through it
        objects.readAll(parser, sink);
      }
    } catch (InputException e) {
      throw SnapshotInputException.of(e);
    } catch (IOException e) {
      throw new SnapshotInputException(name, null, "cannot read: " + e.getMessage());
    }
  }

  /** The format a file name says, or null for a name that says neither. */
  static Format formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return Format.JSON;
    }
    return name.endsWith(".yaml") || name.endsWith(".yml") ? Format.YAML : null;
  }

  /**
   * Why the stream looks like UTF-16 (PowerShell's {@code >} writes it), which the YAML reader
   * would only call invalid UTF-8: a UTF-16 byte order mark, or a NUL among the first two bytes
   * (half of an ASCII character in UTF-16; YAML text has no NUL); empty when it does not. JSON needs
   * no such test: Jackson reads UTF-16 JSON itself.
   */
  private static Optional<String> utf16(InputStream in) throws IOException {
    in.mark(2);
    try {
      int first = in.read();
      int second = in.read();
      if (first == 0xFE && second == 0xFF || first == 0xFF && second == 0xFE) {
        return Optional.of("it starts with a UTF-16 byte order mark");
      }
      return first == 0 || second == 0 ? Optional.of("its first characters hold NUL bytes") : Optional.empty();
    } finally {
      in.reset();
    }
  }

  /**
   * The format by the first character, past whitespace and the bytes of a byte order mark and of
   * UTF-16's NULs: Jackson reads JSON in UTF-16 (PowerShell's {@code >}), which would otherwise be
   * taken for YAML and refused.
   */
  private static Format sniff(InputStream in) throws IOException {
    in.mark(1 << 16);
    try {
      for (int i = 0, c; i < (1 << 16) && (c = in.read()) >= 0; i++) {
        if (!Character.isWhitespace(c) && c != 0 && c != 0xEF && c != 0xBB && c != 0xBF && c != 0xFE && c != 0xFF) {
          return c == '{' || c == '[' ? Format.JSON : Format.YAML;
        }
      }
      return Format.YAML;
    } finally {
      in.reset();
    }
  }

  /** How a stream is written. */
  enum Format {
    JSON,
    YAML
  }
}
