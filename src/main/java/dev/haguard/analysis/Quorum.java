package dev.haguard.analysis;

/**
 * Raft quorum arithmetic, in exactly one place: a cluster of {@code members} voters needs a
 * majority of {@code members / 2 + 1} to commit, and so tolerates {@code members - majority}
 * failures. An even size tolerates no more than the odd size below it.
 */
public record Quorum(int members, int majority, int failureTolerance) {

  /** The size the field guide advises in most cases: it survives two unhealthy members. */
  public static final int USUAL_SIZE = 5;

  public static Quorum of(int members) {
    if (members <= 0) {
      return new Quorum(0, 0, 0);
    }
    int majority = members / 2 + 1;
    return new Quorum(members, majority, members - majority);
  }

  /** How many more members may fail while {@code healthy} are up; negative when quorum is already lost. */
  public int remainingTolerance(int healthy) {
    return healthy - majority;
  }

  /**
   * The odd size to move an even cluster to: one less keeps the same tolerance with one machine
   * fewer to fail; except from 2, where one less is a single member, so 3 (the smallest size that
   * survives a failure). An odd size is returned unchanged.
   */
  public int nearestOddSize() {
    if (members % 2 == 1 || members == 0) {
      return members;
    }
    return members == 2 ? 3 : members - 1;
  }
}
