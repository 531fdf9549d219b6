package dev.haguard.analysis;

import java.util.List;

/** Every rule haguard runs, in one list. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static List<Rule> all() {
    return List.of();
  }
}
