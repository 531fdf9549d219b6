package dev.haguard.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haguard.image.ImageReference;
import dev.haguard.support.ProjectFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image recipe, read as text: Docker is not available where the tests run, so the build
 * itself is not exercised here; what makes the image safe and runnable is checked instead.
 */
class DockerfileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One instruction: its keyword (upper case) and its arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  private static List<List<Instruction>> stages;
  private static List<Instruction> runtime;

  @BeforeAll
  static void parse() throws Exception {
    stages = new ArrayList<>();
    for (Instruction instruction : instructions(Files.readString(ProjectFiles.path("Dockerfile")))) {
      if (instruction.keyword().equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      assertThat(stages).as("%s before the first FROM", instruction).isNotEmpty();
      stages.get(stages.size() - 1).add(instruction);
    }
    runtime = stages.get(stages.size() - 1);
  }

  @Test
  void buildsWithMavenInOneStageAndRunsInAnother() {
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    List<Instruction> build = stages.get(0);
    assertThat(build.get(0).arguments()).startsWith("maven:").contains("temurin-17").endsWith(" AS build");
    assertThat(build).anySatisfy(i -> {
      assertThat(i.keyword()).isEqualTo("RUN");
      assertThat(i.arguments()).contains("mvn").contains("package");
    });
  }

  @Test
  void everyBaseImageHasAFixedTag() throws Exception {
    Set<String> stageNames = stages.stream().map(s -> s.get(0).arguments().split(" ")).filter(a -> a.length == 3)
        .map(a -> a[2]).collect(Collectors.toSet());
    for (List<Instruction> stage : stages) {
      String image = stage.get(0).arguments().split(" ")[0];
      if (!stageNames.contains(image)) {
        assertThat(ImageReference.parse(image).effectiveTag()).as(image).isNotEqualTo("latest");
      }
    }
  }

  @Test
  void runsAsANumericNonRootUserWithoutAShell() {
    List<String> users = runtime.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments).toList();
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1);
    assertThat(user).as("numeric uid[:gid]").matches("[0-9]+(:[0-9]+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
    // RUN and SHELL need a shell in the image; the runtime stage uses neither, so it needs none.
    assertThat(runtime).extracting(Instruction::keyword).doesNotContain("RUN", "SHELL");
    assertThat(runtime.get(0).arguments()).contains("distroless");
  }

  @Test
  void startsTheOperatorFromThePackagedJar() throws Exception {
    List<String> entrypoint = execForm("ENTRYPOINT");
    List<String> cmd = execForm("CMD");
    assertThat(entrypoint).containsExactly("java", "-jar", "/app/haguard.jar");
    assertThat(cmd).containsExactly("operator");

    String jar = "target/" + pomFinalName() + ".jar";
    Instruction copy = runtime.stream().filter(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from="))
        .findFirst().orElseThrow();
    String[] paths = copy.arguments().split(" ");
    assertThat(paths[1]).as("the jar Maven builds").endsWith("/" + jar);
    assertThat(paths[2]).as("the jar the entrypoint runs").isEqualTo(entrypoint.get(2));
    assertThat(runtime).anySatisfy(i -> assertThat(i).isEqualTo(new Instruction("EXPOSE", "8080")));
  }

  private static List<String> execForm(String keyword) throws Exception {
    Instruction instruction = runtime.stream().filter(i -> i.keyword().equals(keyword)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + keyword + " in the runtime stage"));
    assertThat(instruction.arguments()).as("%s in exec (JSON array) form", keyword).startsWith("[");
    return List.of(JSON.readValue(instruction.arguments(), String[].class));
  }

  private static String pomFinalName() throws Exception {
    var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ProjectFiles.path("pom.xml").toFile());
    return pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
  }

  /** Dockerfile instructions: comments and blank lines dropped, backslash continuations joined. */
  static List<Instruction> instructions(String dockerfile) {
    List<Instruction> result = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : dockerfile.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String whole = (pending + line).replaceAll("\\s+", " ");
      pending.setLength(0);
      int space = whole.indexOf(' ');
      result.add(new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT), whole.substring(space + 1)));
    }
    return result;
  }
}
