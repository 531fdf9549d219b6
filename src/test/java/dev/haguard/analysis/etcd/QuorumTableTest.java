package dev.haguard.analysis.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.analysis.Quorum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quorum table of the field guide, exactly, and the sizes haguard advises. */
class QuorumTableTest {

  @ParameterizedTest(name = "{0} members: majority {1}, failure tolerance {2}")
  @CsvSource({
      "1, 1, 0",
      "2, 2, 0",
      "3, 2, 1",
      "4, 3, 1",
      "5, 3, 2",
      "6, 4, 2",
      "7, 4, 3",
      "8, 5, 3",
      "9, 5, 4"})
  void matchesTheFieldGuide(int members, int majority, int tolerance) {
    Quorum quorum = Quorum.of(members);

    assertThat(quorum.majority()).isEqualTo(majority);
    assertThat(quorum.failureTolerance()).isEqualTo(tolerance);
    assertThat(quorum.remainingTolerance(members)).isEqualTo(tolerance);
  }

  @ParameterizedTest(name = "{0} members -> {1}")
  @CsvSource({"2, 3", "4, 3", "6, 5", "8, 7", "3, 3", "5, 5"})
  void evenSizesMoveToAnOddSizeWithTheSameToleranceOrMore(int members, int odd) {
    Quorum target = Quorum.of(Quorum.of(members).nearestOddSize());

    assertThat(target.members()).isEqualTo(odd);
    assertThat(target.failureTolerance()).isGreaterThanOrEqualTo(Quorum.of(members).failureTolerance());
  }

  @Test
  void remainingToleranceIsNegativeOnceQuorumIsLost() {
    assertThat(Quorum.of(3).remainingTolerance(1)).isEqualTo(-1);
    assertThat(Quorum.of(0)).isEqualTo(new Quorum(0, 0, 0));
  }
}
