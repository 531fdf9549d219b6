package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haguard.support.CapturedLogs;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * What the operator does when an informer stops: JOSDK's own handler calls {@code System.exit(1)},
 * which ended the whole test JVM when the embedded server's watch stream broke (a CI run lost every
 * remaining test to it), and which means a lost Lease in haguard's exit codes.
 */
class WatchStoppedTest {
  @Test
  void aFailedWatchIsOneErrorLineNamingTheKindAndTheJvmGoesOn() {
    try (CapturedLogs logs = new CapturedLogs()) {
      HaguardOperator.watchStopped(informerOf(Deployment.class),
          new IllegalStateException("Could not process Watch response"), false);

      assertThat(logs.warnings()).singleElement().asString()
          .startsWith("ERROR dev.haguard.operator.HaguardOperator A watch failed and cannot resume (Deployment): ")
          .contains("Could not process Watch response", "/healthz reports it");
    }
  }

  @Test
  void anInformerStoppedWithTheOperatorIsNotAnError() {
    try (CapturedLogs logs = new CapturedLogs()) {
      HaguardOperator.watchStopped(informerOf(Deployment.class), null, true);

      assertThat(logs.warnings()).isEmpty();
    }
  }

  /** An informer that answers only its type, all the handler asks. */
  @SuppressWarnings("unchecked")
  private static SharedIndexInformer<?> informerOf(Class<?> type) {
    return (SharedIndexInformer<?>) Proxy.newProxyInstance(WatchStoppedTest.class.getClassLoader(),
        new Class<?>[] {SharedIndexInformer.class}, (proxy, method, args) -> {
          if (method.getName().equals("getApiTypeClass")) {
            return type;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
