package dev.haguard.input;

import com.fasterxml.jackson.databind.JsonNode;
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
   * The settings every YAML read uses. No code-point limit: a 20,000-pod List is 8 MB and a
   * cluster dump may be far more; {@link YamlComposer} bounds what aliases may expand to instead.
   */
  public static LoadSettings settings(String source) {
    return LoadSettings.builder()
        .setLabel(source)
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setCodePointLimit(Integer.MAX_VALUE)
        .setMaxAliasesForCollections(Integer.MAX_VALUE)
        .setBufferSize(YamlComposer.BUFFER_SIZE)
        .build();
  }

  /** Every document's root, or every item of a List document, handed to {@code sink} one at a time. */
  public static void stream(Reader in, String source, ObjectSink sink) throws InputException {
    new YamlComposer(in, source).stream(sink);
  }

  /** Every document as a whole tree (small files: policies, kubeconfigs); an empty document is a null node. */
  public static List<JsonNode> documents(String text, String source) throws InputException {
    List<JsonNode> documents = new ArrayList<>();
    new YamlComposer(new StringReader(text), source).documents(documents::add);
    return documents;
  }
}
