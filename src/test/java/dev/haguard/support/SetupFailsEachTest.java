package dev.haguard.support;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * A class whose {@code @BeforeAll} fails (a real program is missing, a cluster does not start) reports
 * each of its tests as failed (or skipped, on {@code HAGUARD_SKIP_REAL=1}) with that cause, instead of
 * one class-level failure, or "Tests run: 0" for a skip, that hides how many tests did not run.
 */
public final class SetupFailsEachTest implements InvocationInterceptor, BeforeEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SetupFailsEachTest.class);

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
      ExtensionContext context) {
    try {
      invocation.proceed();
    } catch (Throwable setupFailure) {
      context.getStore(NAMESPACE).put(context.getRequiredTestClass(), setupFailure);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Throwable setupFailure = context.getStore(NAMESPACE).get(context.getRequiredTestClass(), Throwable.class);
    if (setupFailure instanceof Exception e) {
      throw e;
    }
    if (setupFailure instanceof Error e) {
      throw e;
    }
  }
}
