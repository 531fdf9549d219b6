package dev.haguard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The "real" test tier: the test starts real programs (etcd, a registry, promtool, kubectl...) found
 * through {@link RealComponents#require}. {@code make test} runs it; {@code make test-fast} does not.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealTier.TAG)
public @interface RealTier {
  String TAG = "real";
}
