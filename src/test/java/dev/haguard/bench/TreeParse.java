package dev.haguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;

/** The baseline of figure 2, run in a fresh JVM: a plain Jackson tree parse of a file, and nothing else. */
public final class TreeParse {
  private TreeParse() {}

  public static void main(String[] args) throws IOException {
    JsonNode tree = new ObjectMapper().readTree(new File(args[0]));
    System.out.println(tree.path("items").size() + " items");
  }
}
