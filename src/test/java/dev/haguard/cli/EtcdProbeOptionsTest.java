package dev.haguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** The {@code --etcd-*} options as a command that mixes them in sees them. */
class EtcdProbeOptionsTest {
  @TempDir Path dir;

  @Command(name = "audit")
  static final class Host {
    @Mixin EtcdProbeOptions etcd;
  }

  @Test
  void withoutEndpointsThereIsNoProbe() {
    Host host = new Host();
    new CommandLine(host).parseArgs();

    assertThat(host.etcd.probe()).isEmpty();
  }

  @Test
  void commaSeparatedEndpointsMakeAProbe() {
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", "http://127.0.0.1:2379,http://127.0.0.2:2379");

    assertThat(host.etcd.probe()).isPresent();
    assertThat(host.etcd.endpoints).containsExactly("http://127.0.0.1:2379", "http://127.0.0.2:2379");
  }

  @Test
  void aBadEndpointIsAUsageErrorNamingTheOption() {
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", "127.0.0.1:2379");

    assertThatThrownBy(() -> host.etcd.probe()).isInstanceOf(ParameterException.class)
        .hasMessageContaining("--etcd-endpoints[0]");
  }

  /** A port was said to be missing when it was there, only too big. */
  @ParameterizedTest
  @CsvSource({"http://127.0.0.1:99999, 99999", "https://[::1]:65536, 65536", "http://127.0.0.1:0, 0",
      "http://127.0.0.1:99999999999, 99999999999"})
  void aPortOutOfRangeIsNamedAsSuch(String url, String port) {
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", url);

    assertThatThrownBy(() -> host.etcd.probe()).isInstanceOf(ParameterException.class)
        .hasMessage("--etcd-endpoints[0]: \"" + url + "\" has port " + port + ", out of the range 1-65535");
  }

  @ParameterizedTest
  @CsvSource({"http://127.0.0.1", "http://127.0.0.1:"})
  void noPortIsNamedAsSuch(String url) {
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", url);

    assertThatThrownBy(() -> host.etcd.probe()).hasMessageEndingWith("needs a port (etcd's client port is usually 2379)");
  }

  @Test
  void portsInRangeAreTaken() {
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", "http://127.0.0.1:1,https://[::1]:65535,http://h:02379");

    assertThat(host.etcd.probe()).isPresent();
  }

  @Test
  void tlsFilesGoTogether() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", "https://127.0.0.1:2379", "--etcd-cacert", ca.toString());

    assertThatThrownBy(() -> host.etcd.probe()).isInstanceOf(ParameterException.class)
        .hasMessageContaining("all three");
  }

  @Test
  void aMissingTlsFileIsNamed() {
    Host host = new Host();
    new CommandLine(host).parseArgs("--etcd-endpoints", "https://127.0.0.1:2379", "--etcd-cacert", "ca.crt",
        "--etcd-cert", "tls.crt", "--etcd-key", "tls.key");

    assertThatThrownBy(() -> host.etcd.probe()).isInstanceOf(ParameterException.class)
        .hasMessageContaining("ca.crt");
  }
}
