package dev.haguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.haguard.analysis.whatif.WhatIfResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** How {@code what-if} prints its answer: the documented JSON or YAML shape, or a short report for people. */
final class WhatIfOutput {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private WhatIfOutput() {}

  /** What {@code what-if -o} takes: the report formats of audit have no what-if shape. */
  enum Format {
    TABLE,
    JSON,
    YAML;

    /** picocli's converter: {@code -o json}; any other value is a usage error listing these three. */
    static final class Converter extends LowerCaseEnumConverter<Format> {
      Converter() {
        super(Format.class);
      }
    }
  }

  static void write(WhatIfResult result, Format format, PrintWriter out) {
    switch (format) {
      case JSON -> out.println(json(result));
      case YAML -> out.print(yaml(result));
      case TABLE -> table(result, out);
    }
    out.flush();
  }

  static String json(WhatIfResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yaml(WhatIfResult result) {
    try {
      return Yaml.MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void table(WhatIfResult r, PrintWriter out) {
    out.println("SCENARIO  " + String.join(", ", r.scenario().stream().map(Object::toString).toList()));
    out.println("SURVIVABLE  " + (r.survivable() ? "yes" : "NO"));
    out.printf("ETCD  members left %s, majority %s, quorum kept %s%n",
        r.etcd().membersLeft() == null ? "unknown" : r.etcd().membersLeft(),
        r.etcd().majority() == null ? "unknown" : r.etcd().majority(),
        r.etcd().quorumKept() == null ? "unknown (no etcd member seen on a node of the snapshot)"
            : r.etcd().quorumKept() ? "yes" : "NO");
    out.printf("APISERVERS  left %s%n", r.apiServers().left() == null ? "unknown (a managed control plane)"
        : r.apiServers().left());
    section(out, "WORKLOADS DOWN", r.workloadsDown().stream()
        .map(w -> w.kind() + "/" + w.namespace() + "/" + w.name() + "  " + w.replicasLeft() + "/" + w.replicasWanted()
            + "  " + w.reason()).toList());
    section(out, "SINGLE-REPLICA WORKLOADS DOWN", r.singleReplicaDown().stream()
        .map(w -> w.kind() + "/" + w.namespace() + "/" + w.name() + "  " + w.reason()).toList());
    section(out, "VOLUMES STRANDED", r.volumesStranded().stream()
        .map(v -> v.claim() + "  volume " + v.volume() + " in " + v.zone() + "  pod " + v.pod()).toList());
    section(out, "DRAIN BLOCKED BY", r.drainBlockedBy().stream()
        .map(b -> b.kind() + "/" + b.namespace() + "/" + b.name() + "  pods " + String.join(",", b.pods())
            + "  " + b.reason()).toList());
    section(out, "CANNOT RESCHEDULE", r.cannotReschedule().stream()
        .map(u -> u.kind() + "/" + u.namespace() + "/" + u.name() + "  " + u.reason()).toList());
  }

  private static void section(PrintWriter out, String heading, List<String> lines) {
    out.println();
    out.println(heading + (lines.isEmpty() ? "  none" : ""));
    lines.forEach(l -> out.println("  " + l));
  }

  /** The YAML writer, built only when YAML is asked for. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(
        new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  }
}
