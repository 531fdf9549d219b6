package dev.haguard.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The one YAML reader of the project (snapshots, policies, pin manifests, kubeconfigs):
 * snakeyaml-engine, YAML 1.2 core schema, anchors, aliases and merge keys resolved, duplicate keys
 * refused, alias expansion bounded, no document size limit. Documents come out as Jackson trees,
 * and a List document item by item, so that a dump of any size is read in the memory of one item.
 */
public final class YamlInput {
  private YamlInput() {}

  /**
   * The deepest nesting read, deeper than any Kubernetes object nests: beyond it, the recursion of a
   * composer (this layer's, or the one {@code pin} composes its node tree with) would overflow the stack.
   */
  public static final int MAX_DEPTH = 1_000;

  /** snakeyaml-engine's reader window for a stream of unknown size (see {@link #settings(String, int)}). */
  public static final int STREAM_WINDOW = 4 << 20;

  /**
   * The settings every YAML read uses. No code-point limit: a 20,000-pod List is 8 MB and a
   * cluster dump may be far more; {@link YamlComposer} bounds what aliases may expand to instead.
   *
   * <p>{@code window} is snakeyaml-engine's read buffer, in chars. Its StreamReader copies the
   * unread part of its window on every refill, and a scalar being scanned stays unread until it
   * ends: a scalar n chars long costs n²/window copies (50 MB took 40 s with a 64 KiB window). A
   * window of a few MiB makes that a handful of copies; small inputs take a window their size.
   */
  public static LoadSettings settings(String source, int window) {
    return LoadSettings.builder()
        .setLabel(source)
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setCodePointLimit(Integer.MAX_VALUE)
        .setMaxAliasesForCollections(Integer.MAX_VALUE)
        .setBufferSize(Math.max(1024, window))
        .build();
  }

  /** Every document's root, or every item of a List (at any depth), handed to {@code sink} one at a time. */
  public static void stream(Reader in, String source, ObjectSink sink) throws InputException {
    new YamlComposer(new FullReads(in), source, STREAM_WINDOW).stream(sink);
  }

  /** Every document as a whole tree (small files: policies, kubeconfigs); an empty document is a null node. */
  public static List<JsonNode> documents(String text, String source) throws InputException {
    List<JsonNode> documents = new ArrayList<>();
    new YamlComposer(new StringReader(text), source, Math.min(text.length() + 1, STREAM_WINDOW)).documents(documents::add);
    return documents;
  }

  /**
   * Fills every read to the length asked, short only at the end: snakeyaml-engine allocates a new
   * window per read, so the 8 KiB that an InputStreamReader hands out per call would cost a
   * window-sized copy per 8 KiB.
   */
  private static final class FullReads extends FilterReader {
    FullReads(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int filled = 0;
      while (filled < length) {
        int n = in.read(buffer, offset + filled, length - filled);
        if (n < 0) {
          return filled == 0 ? -1 : filled;
        }
        filled += n;
      }
      return filled;
    }
  }
}
