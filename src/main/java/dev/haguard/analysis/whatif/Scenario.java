package dev.haguard.analysis.whatif;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What an SRE asks: lose these nodes, zones and etcd members, drain these nodes, all at once. */
public record Scenario(List<Step> steps) {

  public Scenario {
    steps = List.copyOf(steps);
  }

  public enum Action {
    @JsonProperty("lose")
    LOSE,
    @JsonProperty("drain")
    DRAIN
  }

  public enum TargetKind {
    @JsonProperty("node")
    NODE("node"),
    @JsonProperty("zone")
    ZONE("zone"),
    @JsonProperty("etcd-member")
    ETCD_MEMBER("etcd-member");

    private final String word;

    TargetKind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** One {@code --lose kind/NAME} or {@code --drain node/NAME}. */
  public record Step(Action action, TargetKind kind, String name) {
    @Override
    public String toString() {
      return action.name().toLowerCase() + " " + kind.word() + "/" + name;
    }
  }

  /**
   * Reads {@code kind/NAME} for {@code action}: node, zone or etcd-member for a loss, node only for
   * a drain (zones and members are not drained).
   *
   * @throws IllegalArgumentException naming what is wrong with {@code target}
   */
  public static Step step(Action action, String target) {
    int slash = target.indexOf('/');
    String kind = slash < 0 ? "" : target.substring(0, slash);
    String name = slash < 0 ? "" : target.substring(slash + 1);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("'" + target + "' is not KIND/NAME (node/NAME, zone/NAME, etcd-member/NAME)");
    }
    for (TargetKind k : TargetKind.values()) {
      if (k.word().equals(kind)) {
        if (action == Action.DRAIN && k != TargetKind.NODE) {
          throw new IllegalArgumentException("'" + target + "': only nodes are drained (node/NAME)");
        }
        return new Step(action, k, name);
      }
    }
    throw new IllegalArgumentException("'" + target + "': unknown kind '" + kind
        + "' (node, zone or etcd-member)");
  }
}
