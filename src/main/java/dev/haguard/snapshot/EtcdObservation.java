package dev.haguard.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * What etcd itself said when asked directly (the etcd probe): its members, voters and learners,
 * each member's own status, the leader, and what went wrong while asking. A plain record, so
 * that the analysis reads it without calling etcd.
 *
 * @param endpoints the client URLs the probe was given
 * @param members every member of the member list (empty when no endpoint answered)
 * @param leaderId the leader's member id (hex), as the members reported it; null when none has a leader
 * @param errors what failed while probing (unreachable endpoints, TLS, timeouts), one line each
 */
public record EtcdObservation(List<String> endpoints, List<Member> members, String leaderId, List<String> errors) {

  public EtcdObservation {
    endpoints = List.copyOf(endpoints);
    members = List.copyOf(members);
    errors = List.copyOf(errors);
  }

  /**
   * One member, as the member list names it and as its own status answered.
   *
   * @param id the member id in hex, as {@code etcdctl member list} prints it
   * @param name empty for a member added but never started
   * @param reachable whether it answered its status within the timeout
   * @param healthy reachable, and the cluster has a leader
   * @param raftIndex its raft index, null when unreachable
   * @param dbSize its backend database size in bytes, null when unreachable
   * @param errors the errors its status reported (e.g. alarms) or why it could not be asked
   */
  public record Member(
      String id,
      String name,
      List<String> peerUrls,
      List<String> clientUrls,
      boolean learner,
      boolean reachable,
      boolean healthy,
      boolean leader,
      Long raftTerm,
      Long raftIndex,
      Long dbSize,
      List<String> errors) {

    public Member {
      peerUrls = List.copyOf(peerUrls);
      clientUrls = List.copyOf(clientUrls);
      errors = List.copyOf(errors);
    }

    /** The name, or the id for a member that never started (and so has no name yet). */
    public String displayName() {
      return name == null || name.isEmpty() ? id : name;
    }
  }

  /** Whether some endpoint answered with the member list; when not, the probe saw nothing of etcd. */
  public boolean reachedCluster() {
    return !members.isEmpty();
  }

  public boolean hasLeader() {
    return leaderId != null;
  }

  /** The members that vote (learners do not). */
  public List<Member> voters() {
    return members.stream().filter(m -> !m.learner()).toList();
  }

  public List<Member> learners() {
    return members.stream().filter(Member::learner).toList();
  }

  public int healthyVoters() {
    return (int) voters().stream().filter(Member::healthy).count();
  }

  public Optional<Member> leader() {
    return members.stream().filter(Member::leader).findFirst();
  }
}
