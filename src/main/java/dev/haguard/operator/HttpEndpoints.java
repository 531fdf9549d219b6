package dev.haguard.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (the liveness probe: 503 with the reason when
 * the operator is stuck, e.g. an informer stopped watching) and {@code /readyz} (the operator started
 * and its informers have synced), on the JDK's own HTTP server.
 */
final class HttpEndpoints implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "haguard-http");
    t.setDaemon(true);
    return t;
  });

  HttpEndpoints(int port, PrometheusMeterRegistry registry, BooleanSupplier ready, Supplier<Optional<String>> stuck) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, registry::scrape));
    server.createContext("/healthz", exchange -> {
      Optional<String> why = stuck.get();
      answer(exchange, why.isEmpty() ? 200 : 503, TEXT, () -> why.orElse("ok") + "\n");
    });
    server.createContext("/readyz", exchange -> {
      boolean isReady = ready.getAsBoolean();
      answer(exchange, isReady ? 200 : 503, TEXT, () -> isReady ? "ready\n" : "informers not synced yet\n");
    });
  }

  void start() {
    server.start();
  }

  /** The port listened on: the configured one, or the one picked for port 0. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void answer(HttpExchange exchange, int status, String contentType, Supplier<String> body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
