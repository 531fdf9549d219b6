package dev.haguard.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the JVM while open, at DEBUG and above (also from loggers configured quieter,
 * such as fabric8's), with messages, arguments and stack traces, for tests that check what is
 * never logged.
 */
public final class CapturedLogs implements AutoCloseable {
  private static final List<String> QUIETED = List.of(Logger.ROOT_LOGGER_NAME, "io.fabric8", "io.javaoperatorsdk",
      "dev.haguard");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Map<Logger, Level> levels = new HashMap<>();
  private final Logger root;

  public CapturedLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    for (String name : QUIETED) {
      Logger logger = context.getLogger(name);
      levels.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  /** Everything logged so far, one event a line (stack traces on the following lines). */
  public String text() {
    return events().stream().map(CapturedLogs::line).collect(Collectors.joining("\n"));
  }

  /** The WARN and ERROR events logged so far, one a line, each followed by its stack trace if it has one. */
  public List<String> warnings() {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(e -> e.getLevel() + " " + line(e)).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) { // AppenderBase appends under this lock, from any thread
      return List.copyOf(appender.list);
    }
  }

  private static String line(ILoggingEvent e) {
    return e.getLoggerName() + " " + e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()));
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    levels.forEach(Logger::setLevel);
  }
}
