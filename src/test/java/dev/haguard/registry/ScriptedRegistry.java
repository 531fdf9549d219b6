package dev.haguard.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A tiny in-test HTTP server on loopback that answers as the test scripts it, to play registries
 * that misbehave. {@code /v2/} answers 200 unless the script says otherwise; every request is recorded.
 */
final class ScriptedRegistry implements AutoCloseable {
  /** The test's answer to one request. */
  @FunctionalInterface
  interface Script {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** A request as it arrived. */
  record Seen(String method, String path, String authorization) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private ScriptedRegistry(HttpServer server, Script script) {
    this.server = server;
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      try {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("Authorization")));
        script.answer(exchange);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  static ScriptedRegistry start(Script script) throws IOException {
    return new ScriptedRegistry(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
        pingingFirst(script));
  }

  /** A server whose script answers {@code /v2/} too (to play a registry that challenges the ping). */
  static ScriptedRegistry startWithOwnPing(Script script) throws IOException {
    return new ScriptedRegistry(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
        script);
  }

  static ScriptedRegistry startTls(SSLContext tls, Script script) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new ScriptedRegistry(server, pingingFirst(script));
  }

  private static Script pingingFirst(Script script) {
    return exchange -> {
      if (exchange.getRequestURI().getPath().equals("/v2/")) {
        respond(exchange, 200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
      } else {
        script.answer(exchange);
      }
    };
  }

  /** Sends {@code status} with headers and body; a HEAD gets the headers only. */
  static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests to manifests (not the ping). */
  List<Seen> manifestRequests() {
    return seen.stream().filter(s -> s.path().contains("/manifests/")).toList();
  }

  List<Seen> all() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
