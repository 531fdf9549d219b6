package dev.haguard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "real" test tier: the test starts real programs (etcd, a registry, promtool, kubectl...) found
 * through {@link RealComponents#require}. {@code make test} runs it; {@code make test-fast} does not.
 * A failed set-up (a missing program) fails every test of the class: {@link SetupFailsEachTest}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealTier.TAG)
@ExtendWith(SetupFailsEachTest.class)
public @interface RealTier {
  String TAG = "real";
}
