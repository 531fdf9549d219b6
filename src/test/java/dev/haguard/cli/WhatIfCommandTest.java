package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haguard.Haguard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code haguard what-if} through the real command line, on the realistic snapshots and the demo cluster. */
class WhatIfCommandTest {
  private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");

  record Run(int exit, String out, String err) {}

  static Run whatIf(String... args) {
    var commandLine = Haguard.commandLine();
    WhatIfCommand command = commandLine.getSubcommands().get("what-if").getCommand();
    command.useResolver(host -> List.of("192.0.2.1"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "what-if";
    System.arraycopy(args, 0, full, 1, args.length);
    return new Run(commandLine.execute(full), out.toString(), err.toString());
  }

  private static String snapshot(String name) {
    return SNAPSHOTS.resolve(name).resolve("objects.yaml").toString();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "drain-blocked-min-available, --drain, node/node-a1, what-if-drain-node-a1.json",
      "eks-pdbs, --lose, zone/us-east-1b, what-if-lose-zone-us-east-1b.json"})
  void jsonIsByteForByteTheGoldenOutput(String snapshot, String option, String target, String golden) throws Exception {
    Run run = whatIf("-f", snapshot(snapshot), option, target, "-o", "json");

    assertThat(run.out()).isEqualTo(Files.readString(SNAPSHOTS.resolve(snapshot).resolve(golden)));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void yamlIsTheSameTreeAsJson() throws Exception {
    String[] args = {"-f", snapshot("eks-pdbs"), "--drain", "node/ip-10-0-10-20.ec2.internal", "--lose", "zone/us-east-1c"};
    JsonNode json = new ObjectMapper().readTree(whatIf(concat(args, "-o", "json")).out());
    JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(whatIf(concat(args, "-o", "yaml")).out());
    assertThat(yaml).isEqualTo(json);
    assertThat(json.fieldNames()).toIterable().containsExactly("scenario", "survivable", "etcd", "apiServers",
        "workloadsDown", "singleReplicaDown", "volumesStranded", "drainBlockedBy", "cannotReschedule");
    assertThat(json.get("scenario")).hasSize(2);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @ParameterizedTest(name = "{0} {1} {2} exits {3}")
  @CsvSource({
      "kubeadm, --lose, node/node-b1, 0",
      "kubeadm, --drain, node/node-c1, 0",
      "kubeadm, --drain, node/node-a2, 1",
      "kubeadm, --lose, zone/zone-a, 1",
      "kubeadm, --lose, etcd-member/cp-1, 0",
      "drain-blocked-min-available, --drain, node/node-c1, 1",
      "drain-blocked-min-available, --lose, node/node-c1, 0",
      "eks-pdbs, --drain, node/ip-10-0-74-21.ec2.internal, 0",
      "eks-pdbs, --drain, node/ip-10-0-10-20.ec2.internal, 1"})
  void exitCodeSaysWhetherTheScenarioIsSurvivable(String snapshot, String option, String target, int exit) {
    Run run = whatIf("-f", snapshot(snapshot), option, target);
    assertThat(run.exit()).as(run.out()).isEqualTo(exit);
    assertThat(run.out()).contains("SURVIVABLE  " + (exit == 0 ? "yes" : "NO"));
  }

  @Test
  void demoClusterAnswersZoneLossAndADrain() {
    Run zone = whatIf("-f", "examples/demo-cluster.yaml", "--lose", "zone/eu-west-1a", "-o", "json");
    assertThat(zone.exit()).isEqualTo(1);
    assertThat(zone.out()).contains("\"quorumKept\" : false");

    Run drain = whatIf("-f", "examples/demo-cluster.yaml", "--drain", "node/worker-b1");
    assertThat(drain.exit()).isZero();
    assertThat(drain.out()).contains("Pod/shop/debug-shell");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "--lose node/no-such-node         | node/no-such-node",
      "--lose zone/mars-1a              | zone/mars-1a",
      "--lose etcd-member/ghost         | etcd-member/ghost",
      "--drain zone/zone-a              | zone/zone-a",
      "--lose rack/r1                   | rack/r1",
      "--lose node-a1                   | node-a1"})
  void unknownOrMalformedTargetIsBadInputNamingIt(String scenario, String named) {
    String[] parts = scenario.split(" ");
    Run run = whatIf("-f", snapshot("kubeadm"), parts[0], parts[1]);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("haguard what-if: ").contains(named);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  /** audit's report formats have no what-if shape: they printed nothing and exited 0 or 1. */
  @ParameterizedTest
  @CsvSource({"sarif", "openreports", "html", "bogus"})
  void anOutputFormatOtherThanTableJsonOrYamlIsAUsageErrorListingThose(String format) {
    Run run = whatIf("-f", snapshot("kubeadm"), "--lose", "node/node-b1", "-o", format);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .contains("\"" + format + "\" is not one of table, json, yaml (see haguard what-if --help)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noScenarioOrUnreadableSnapshotIsBadInput() throws Exception {
    Run none = whatIf("-f", snapshot("kubeadm"));
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("--lose");

    Path broken = Files.createTempFile("broken", ".yaml");
    Files.writeString(broken, "apiVersion: v1\nkind: Node\nmetadata: [not, a, map]\n");
    Run unreadable = whatIf("-f", broken.toString(), "--lose", "node/x");
    assertThat(unreadable.exit()).isEqualTo(2);
    assertThat(unreadable.err()).contains(broken.getFileName().toString());
  }

  @Test
  void docsShowARealRun() throws Exception {
    String docs = Files.readString(Path.of("docs/what-if.md"));
    Run run = whatIf("-f", snapshot("eks-pdbs"), "--lose", "zone/us-east-1b", "--drain",
        "node/ip-10-0-10-20.ec2.internal");
    assertThat(docs).contains(run.out()).contains(
        Files.readString(SNAPSHOTS.resolve("drain-blocked-min-available/what-if-drain-node-a1.json")));
    assertThat(run.exit()).isEqualTo(1);
  }
}
