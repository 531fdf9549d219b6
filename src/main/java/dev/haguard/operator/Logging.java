package dev.haguard.operator;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format and level of logback.xml ({@code HAGUARD_LOG_FORMAT}, {@code HAGUARD_LOG_LEVEL})
 * from the command line: the properties are set, and logback reads its configuration again in case
 * something logged before the command ran.
 */
public final class Logging {
  /** The appenders of logback.xml. */
  public enum Format { TEXT, JSON }

  private Logging() {}

  /** Sets the format, and the level unless the environment names one. */
  public static void configure(Format format, String defaultLevel) {
    System.setProperty("HAGUARD_LOG_FORMAT", format.name());
    if (System.getenv("HAGUARD_LOG_LEVEL") == null) {
      System.setProperty("HAGUARD_LOG_LEVEL", defaultLevel.toUpperCase(Locale.ROOT));
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.reset();
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        throw new IllegalStateException("logback.xml cannot be read", e);
      }
    }
  }
}
