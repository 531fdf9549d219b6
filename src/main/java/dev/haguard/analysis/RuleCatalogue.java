package dev.haguard.analysis;

import dev.haguard.analysis.etcd.EtcdDbSizeNearQuotaRule;
import dev.haguard.analysis.etcd.EtcdLearnerStuckRule;
import dev.haguard.analysis.etcd.EtcdMemberMismatchRule;
import dev.haguard.analysis.etcd.EtcdNoLeaderRule;
import java.util.List;

/** Every rule haguard runs, in one list. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static List<Rule> all() {
    return List.of(
        new EtcdNoLeaderRule(),
        new EtcdLearnerStuckRule(),
        new EtcdDbSizeNearQuotaRule(),
        new EtcdMemberMismatchRule());
  }
}
