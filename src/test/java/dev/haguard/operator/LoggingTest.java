package dev.haguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** What logback.xml and {@link Logging} keep out of the operator's and the demo's output. */
class LoggingTest {

  @BeforeAll
  static void configure() {
    Logging.configure(Logging.Format.TEXT, false);
  }

  @AfterAll
  static void restore() {
    Logging.configure(Logging.Format.TEXT, false);
  }

  @Test
  void javaUtilLoggingGoesThroughLogbackAndNotToItsOwnConsole() {
    assertThat(SLF4JBridgeHandler.isInstalled()).isTrue();
    assertThat(Arrays.asList(java.util.logging.Logger.getLogger("").getHandlers()))
        .noneMatch(ConsoleHandler.class::isInstance);
  }

  @Test
  void grpcsEpollLineIsDroppedButItsWarningsAreNot() {
    // grpc-netty logs "Epoll available during static init of TcpMetrics" at INFO on this logger.
    java.util.logging.Logger tcpMetrics = java.util.logging.Logger.getLogger("io.grpc.netty.TcpMetrics");
    assertThat(tcpMetrics.isLoggable(Level.INFO)).isFalse();
    assertThat(tcpMetrics.isLoggable(Level.WARNING)).isTrue();
  }

  @Test
  void aWebSocketCloseThatCannotBeQueuedIsNotLogged() {
    var webSocket = LoggerFactory.getLogger("io.fabric8.kubernetes.client.jdkhttp.JdkWebSocketImpl");
    assertThat(webSocket.isWarnEnabled()).isFalse();
    assertThat(webSocket.isErrorEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.fabric8.kubernetes.client.informers").isWarnEnabled()).isTrue();
  }
}
