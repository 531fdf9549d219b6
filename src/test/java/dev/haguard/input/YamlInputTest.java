package dev.haguard.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlInputTest {
  private static JsonNode single(String yaml) throws InputException {
    List<JsonNode> documents = YamlInput.documents(yaml, "test.yaml");
    assertThat(documents).hasSize(1);
    return documents.get(0);
  }

  private static List<JsonNode> streamed(String yaml) throws InputException {
    List<JsonNode> values = new ArrayList<>();
    YamlInput.stream(new StringReader(yaml), "test.yaml", (value, place) -> values.add(value));
    return values;
  }

  @Test
  void aScalarAliasIsTheAnchoredValueNotItsName() throws Exception {
    JsonNode doc = single("a: {image: &img nginx:1.25}\nb: {image: *img}\n");

    assertThat(doc.at("/b/image").asText()).isEqualTo("nginx:1.25");
  }

  @Test
  void aMappingAliasIsTheAnchoredMapping() throws Exception {
    JsonNode doc = single("labels: &l {app: web}\nselector: {matchLabels: *l}\n");

    assertThat(doc.at("/selector/matchLabels/app").asText()).isEqualTo("web");
  }

  @Test
  void explicitKeysWinOverMergedOnesAndEarlierMergesOverLater() throws Exception {
    JsonNode doc = single("""
        a: &a {x: a, y: a}
        b: &b {x: b, y: b, z: b}
        one: {<<: *a, x: own}
        several: {<<: [*a, *b], y: own}
        """);

    assertThat(doc.get("one").toString()).isEqualTo("{\"x\":\"own\",\"y\":\"a\"}");
    assertThat(doc.get("several").toString()).isEqualTo("{\"y\":\"own\",\"x\":\"a\",\"z\":\"b\"}");
  }

  @Test
  void aMergeOfSomethingElseThanMappingsIsAnError() {
    assertThatThrownBy(() -> single("a: &a [1, 2]\nb: {<<: *a}\n"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("line 2").hasMessageContaining("merge key (<<) takes a mapping");
  }

  @Test
  void anchorsCrossTheItemsOfAStreamedList() throws Exception {
    List<JsonNode> items = streamed("""
        apiVersion: v1
        items:
        - {kind: Pod, metadata: {labels: &l {app: web}}}
        - {kind: Pod, metadata: {labels: *l}}
        kind: List
        """);

    assertThat(items).hasSize(2);
    assertThat(items.get(1).at("/metadata/labels/app").asText()).isEqualTo("web");
  }

  @Test
  void aDuplicateKeyNamesTheLineAndTheKey() {
    assertThatThrownBy(() -> streamed("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nkind: Secret\n"))
        .isInstanceOf(InputException.class)
        .hasMessage("test.yaml: line 4, column 1: duplicate key \"kind\"");
  }

  @Test
  void aKeyGivenOnceAndMergedOnceIsNoDuplicate() throws Exception {
    assertThat(single("m: &m {kind: Pod}\nn: {<<: *m, kind: Secret}\n").at("/n/kind").asText()).isEqualTo("Secret");
  }

  @Test
  void anUndefinedAliasIsAnError() {
    assertThatThrownBy(() -> single("a: *nowhere\n")).hasMessageContaining("undefined alias *nowhere");
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 12; i++) {
      yaml.append("l").append(i).append(": &l").append(i).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
    }
    // a hang guard only: the refusal comes in well under a second
    assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        assertThatThrownBy(() -> streamed(yaml.toString()))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("aliases expand to more than"));
  }

  @Test
  void yaml12ReadsOffAndYesAsStringsAndCoreSchemaScalarsAsTyped() throws Exception {
    JsonNode doc = single("a: off\nb: yes\nc: true\nd: 3\ne: 0.5\nf: ~\ng: \"3\"\nh: 0x1F\ni: 12345678901\n");

    assertThat(doc.get("a").isTextual()).isTrue();
    assertThat(doc.get("b").isTextual()).isTrue();
    assertThat(doc.get("c").booleanValue()).isTrue();
    assertThat(doc.get("d").intValue()).isEqualTo(3);
    assertThat(doc.get("e").doubleValue()).isEqualTo(0.5);
    assertThat(doc.get("f").isNull()).isTrue();
    assertThat(doc.get("g").isTextual()).isTrue();
    assertThat(doc.get("h").intValue()).isEqualTo(31);
    assertThat(doc.get("i").longValue()).isEqualTo(12345678901L);
  }

  @Test
  void aDocumentLongerThanSnakeYamlsDefaultLimitIsRead() throws Exception {
    String big = "x".repeat(4_000_000); // the default code-point limit is 3 MiB

    assertThat(single("a: " + big + "\n").get("a").asText()).hasSize(big.length());
  }

  @Test
  void aSyntaxErrorNamesLineAndColumn() {
    assertThatThrownBy(() -> streamed("a: [unclosed\n"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("test.yaml: line 2, column 1: YAML syntax error: ");
  }
}
