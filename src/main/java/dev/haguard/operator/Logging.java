package dev.haguard.operator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Chooses the log format of logback.xml ({@code HAGUARD_LOG_FORMAT}) from the command line: the
 * property is set, and logback reads its configuration again in case something logged before the
 * command ran. Quiet (the demo) keeps to warnings and errors unless {@code HAGUARD_LOG_LEVEL} asks for more.
 */
public final class Logging {
  /** The appenders of logback.xml. */
  public enum Format { TEXT, JSON }

  private Logging() {}

  public static void configure(Format format, boolean quiet) {
    System.setProperty("HAGUARD_LOG_FORMAT", format.name());
    // java.util.logging (grpc-netty under jetcd) would print on its own console handler, past logback.xml.
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      throw new IllegalStateException("logback.xml cannot be read", e);
    }
    if (quiet && System.getenv("HAGUARD_LOG_LEVEL") == null) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
      context.getLogger("io.javaoperatorsdk").setLevel(Level.WARN);
      // fabric8 warns that v1alpha1 is not a stable version: true, and nothing a demo viewer can act on.
      context.getLogger("io.fabric8").setLevel(Level.ERROR);
    }
  }
}
