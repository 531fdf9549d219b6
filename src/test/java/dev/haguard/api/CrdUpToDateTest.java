package dev.haguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.api.v1alpha1.ClusterPolicy;
import dev.haguard.support.ProjectFiles;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * crds/ holds the CRD that crd-generator makes from the Java classes, with one change: the
 * printer columns in the order ClusterPolicy declares them (the generator sorts them by
 * jsonPath, which would put Age first). {@code make crds} rewrites the file through this test.
 */
class CrdUpToDateTest {
  static final Path GENERATED = ProjectFiles.path("target/classes/META-INF/fabric8/clusterpolicies.haguard.dev-v1.yml");
  public static final Path COMMITTED = ProjectFiles.path("crds/clusterpolicies.haguard.dev-v1.yml");
  private static final String HEADER =
      "# Generated from dev.haguard.api.v1alpha1 by crd-generator (`make crds`); do not edit by hand.\n";

  @Test
  void committedCrdMatchesTheJavaClasses() throws Exception {
    CustomResourceDefinition expected = canonical(Serialization.unmarshal(Files.readString(GENERATED),
        CustomResourceDefinition.class));
    if (Boolean.getBoolean("haguard.updateCrds")) {
      Files.writeString(COMMITTED, HEADER + Serialization.asYaml(expected));
    }
    CustomResourceDefinition committed =
        Serialization.unmarshal(Files.readString(COMMITTED), CustomResourceDefinition.class);
    assertThat(committed)
        .as("crds/ is out of date with the ClusterPolicy classes: run `make crds`")
        .isEqualTo(expected);
  }

  @Test
  void printerColumnsComeInDeclaredOrder() throws Exception {
    CustomResourceDefinition committed =
        Serialization.unmarshal(Files.readString(COMMITTED), CustomResourceDefinition.class);
    assertThat(committed.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Mode", "Etcd", "Tolerance", "Zones", "Critical", "Warnings", "Ready", "Age");
  }

  static CustomResourceDefinition canonical(CustomResourceDefinition crd) {
    List<String> declared = Arrays.stream(ClusterPolicy.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
        .sort(Comparator.comparingInt(c -> declared.indexOf(c.getName()))));
    return crd;
  }
}
