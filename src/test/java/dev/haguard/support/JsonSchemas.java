package dev.haguard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Published JSON schemas the tests validate outputs against, fetched from a package registry by
 * {@code scripts/fetch-test-schemas.sh} (which {@code make test} runs) and never committed. Like a
 * real program, a missing schema fails the test (a skip would let an output go unvalidated), and a
 * test that reads one is in the real tier.
 */
public final class JsonSchemas {
  private JsonSchemas() {}

  /** The directory the fetch script writes to. */
  public static Path directory() {
    String configured = System.getenv("HAGUARD_SCHEMAS");
    return configured != null && !configured.isEmpty()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "haguard", "schemas");
  }

  /** The OASIS SARIF 2.1.0 schema. */
  public static Schema sarif() {
    Path file = directory().resolve("sarif-schema-2.1.0.json");
    RealComponents.requireThat(Files.isRegularFile(file),
        file + " is missing: run scripts/fetch-test-schemas.sh (make deps does)");
    try (InputStream in = Files.newInputStream(file)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  /** A schema given as a tree in draft 4 (a CRD's openAPIV3Schema is close to it). */
  public static Schema draft4(JsonNode schema) {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
  }

  /** Asserts that {@code document} is valid, listing every violation otherwise. */
  public static void assertValid(Schema schema, JsonNode document) {
    List<Error> errors = schema.validate(document);
    assertThat(errors).as("schema violations").isEmpty();
  }
}
