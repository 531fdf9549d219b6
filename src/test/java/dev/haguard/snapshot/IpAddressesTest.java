package dev.haguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses compared as addresses; only literals are parsed, so nothing here asks DNS. */
class IpAddressesTest {
  @ParameterizedTest
  @CsvSource({
      "fd00:20:1::10, fd00:20:1:0:0:0:0:10",
      "FD00:20:1:0::10, fd00:20:1::10",
      "::ffff:10.0.0.1, 10.0.0.1",
      "10.0.0.1, 10.0.0.1",
      "0:0:0:0:0:0:0:1, ::1"})
  void equalAddressesHaveOneSpelling(String a, String b) {
    assertThat(IpAddresses.canonical(a)).isEqualTo(IpAddresses.canonical(b));
  }

  @ParameterizedTest
  @CsvSource({"fd00:20:1::10, fd00:20:1::11", "10.0.0.1, 10.0.0.10", "::ffff:10.0.0.1, ::10.0.0.1"})
  void differentAddressesStayDifferent(String a, String b) {
    assertThat(IpAddresses.canonical(a)).isNotEqualTo(IpAddresses.canonical(b));
  }

  /** A name would need DNS: it comes back as it was, as do strings that only look like addresses. */
  @ParameterizedTest
  @ValueSource(strings = {"api.example.com", "localhost", "999.1.1.1", "10.0.0", "fd00::zz", ""})
  void anythingButALiteralIsLeftAlone(String text) {
    assertThat(IpAddresses.canonical(text)).isEqualTo(text);
  }
}
