package dev.haguard.input;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Issue 13: every YAML the project reads goes through dev.haguard.input (anchors, merge keys,
 * duplicate keys, bounded aliases, errors with file and line). Writers of YAML output keep
 * Jackson's YAML generator, named here one by one.
 */
@AnalyzeClasses(packages = "dev.haguard", importOptions = ImportOption.DoNotIncludeTests.class)
class YamlReadingArchitectureTest {
  /** Classes (and their nested classes) that write YAML output with Jackson's generator and read none. */
  private static final String OUTPUT_WRITERS = "dev\\.haguard\\.cli\\.(PlainYaml|WhatIfOutput)(\\$.*)?";

  @ArchTest
  static final ArchRule noOtherYamlParser = noClasses()
      .that().resideOutsideOfPackage("dev.haguard.input..")
      .should().dependOnClassesThat().resideInAnyPackage("org.yaml.snakeyaml..")
      .because("SnakeYAML 1.x reads YAML 1.1 (an unquoted off is false) and is no one's reader here");

  @ArchTest
  static final ArchRule jacksonYamlOnlyInOutputWriters = noClasses()
      .that().resideOutsideOfPackage("dev.haguard.input..")
      .and().haveNameNotMatching(OUTPUT_WRITERS)
      .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.dataformat.yaml..")
      .because("Jackson's YAML module may write output; reading YAML is the input layer's job");

  /**
   * snakeyaml-engine is the layer's library. Besides the layer, only {@code pin} uses it directly:
   * it rewrites image strings in place and needs the node tree with its positions, which it composes
   * with the layer's settings ({@link YamlInput#settings}).
   */
  @ArchTest
  static final ArchRule snakeyamlEngineOnlyInTheLayerAndPin = noClasses()
      .that().resideOutsideOfPackages("dev.haguard.input..", "dev.haguard.cli.pin..")
      .should().dependOnClassesThat().resideInAnyPackage("org.snakeyaml.engine..")
      .because("every YAML read goes through dev.haguard.input");

  /** fabric8's unmarshal reads YAML with Jackson's YAML module. */
  @ArchTest
  static final ArchRule noFabric8Unmarshal = noClasses()
      .that().resideOutsideOfPackage("dev.haguard.input..")
      .should().callMethodWhere(target(name("unmarshal")))
      .because("fabric8's unmarshal reads YAML with Jackson's YAML module, not the input layer");
}
