package dev.haguard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The "embedded" test tier: the test runs against the embedded API server (fabric8's mock server in
 * CRUD mode, in this JVM), usually with the operator started on it. Tests with neither this tag nor
 * {@link RealTier} are the pure tier: no server, no process ({@code make test-fast}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(EmbeddedTier.TAG)
public @interface EmbeddedTier {
  String TAG = "embedded";
}
