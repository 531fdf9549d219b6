package dev.haguard.analysis.etcd;

import dev.haguard.analysis.AnalysisContext;
import dev.haguard.analysis.Findings;
import dev.haguard.analysis.Rule;
import dev.haguard.policy.RuleId;
import dev.haguard.snapshot.EtcdObservation;
import dev.haguard.snapshot.EtcdObservation.Member;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code etcd-db-size-near-quota}: a member's database is over 80% of its backend quota. At the
 * quota etcd raises a NOSPACE alarm and refuses every write. The quota is known only from the
 * member's Pod: its {@code --quota-backend-bytes} flag, or etcd's default of 2 GiB when the flag is
 * absent (or 0). A member without a Pod (external etcd) has an unknown quota and is not judged:
 * etcd 3.4 and 3.5 do not report their quota.
 */
public final class EtcdDbSizeNearQuotaRule implements Rule {
  static final long DEFAULT_QUOTA_BYTES = 2L * 1024 * 1024 * 1024;
  static final double THRESHOLD = 0.8;
  private static final String QUOTA_FLAG = "--quota-backend-bytes";

  @Override
  public void evaluate(AnalysisContext context, Findings findings) {
    Optional<EtcdObservation> probe = context.snapshot().etcdProbe();
    if (probe.isEmpty()) {
      return;
    }
    EtcdMemberPods pods = EtcdMemberPods.of(probe.get(), context.etcd().memberPods(), context.snapshot());
    for (Member member : probe.get().members()) {
      Optional<Pod> pod = pods.podOf(member);
      if (member.dbSize() == null || pod.isEmpty()) {
        continue;
      }
      long quota = quotaOf(pod.get());
      if (member.dbSize() > THRESHOLD * quota) {
        findings.report(RuleId.ETCD_DB_SIZE_NEAR_QUOTA, pods.ref(member),
            "etcd member " + member.displayName() + " has a " + mib(member.dbSize()) + " MiB database, "
                + Math.round(100.0 * member.dbSize() / quota) + "% of its " + mib(quota) + " MiB quota; at the quota"
                + " etcd raises NOSPACE and refuses writes",
            "Compact and defragment (`etcdctl compact <rev>`, then `etcdctl defrag` one member at a time), find"
                + " what grows (Events, large objects), or raise --quota-backend-bytes (at most 8 GiB)");
      }
    }
  }

  /** The quota from the etcd container's flags; etcd's default when the flag is absent, 0 or unreadable. */
  static long quotaOf(Pod pod) {
    for (Container container : pod.getSpec() == null || pod.getSpec().getContainers() == null
        ? List.<Container>of() : pod.getSpec().getContainers()) {
      OptionalLong flag = flagValue(container);
      if (flag.isPresent() && flag.getAsLong() > 0) {
        return flag.getAsLong();
      }
    }
    return DEFAULT_QUOTA_BYTES;
  }

  private static OptionalLong flagValue(Container container) {
    List<String> words = new ArrayList<>();
    if (container.getCommand() != null) {
      words.addAll(container.getCommand());
    }
    if (container.getArgs() != null) {
      words.addAll(container.getArgs());
    }
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String value = word.startsWith(QUOTA_FLAG + "=") ? word.substring(QUOTA_FLAG.length() + 1)
          : word.equals(QUOTA_FLAG) && i + 1 < words.size() ? words.get(i + 1) : null;
      if (value != null) {
        try {
          return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
