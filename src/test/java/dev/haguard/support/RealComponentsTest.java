package dev.haguard.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The one list of real programs: the tests and scripts/install-deps.sh both read it. */
class RealComponentsTest {

  @Test
  void listsEveryProgramWithItsDebianPackage() {
    assertThat(RealComponents.listed())
        .containsEntry("etcd", "etcd-server")
        .containsEntry("etcdctl", "etcd-client")
        .containsEntry("docker-registry", "docker-registry")
        .containsEntry("promtool", "prometheus")
        .containsEntry("htpasswd", "apache2-utils")
        .containsEntry("chromium", "chromium")
        .containsEntry("openssl", "openssl")
        .containsEntry("kubectl", "-");
  }

  @Test
  void aProgramThatIsNotListedFailsEvenWhenInstalled() {
    assertThat(RealComponents.find("sh")).as("sh is on the PATH").isPresent();
    assertThatThrownBy(() -> RealComponents.require("sh"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("sh is not listed in " + RealComponents.LIST);
  }

  @Test
  void aListedProgramThatIsInstalledIsFound() {
    assertThat(RealComponents.require("openssl")).endsWith("/openssl");
  }

  @Test
  void theInstallScriptReadsTheListAndNamesNoPackageItself() throws Exception {
    String script = Files.readString(ProjectFiles.path("scripts/install-deps.sh"));
    assertThat(script).contains("real-components.txt");
    assertThat(RealComponents.listed().values()).filteredOn(p -> !p.equals("-"))
        .allSatisfy(debianPackage -> assertThat(script).doesNotContain(debianPackage));
  }
}
