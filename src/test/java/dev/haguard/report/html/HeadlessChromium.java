package dev.haguard.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haguard.support.RealComponents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless chromium, driven over the Chrome DevTools Protocol (a WebSocket of Java's
 * HttpClient). CDP, not {@code --dump-dom} plus logs: its Network and Runtime events belong to the
 * page's own session, so the browser's background traffic (update checks, time sync) cannot be
 * mistaken for the page's, and the screenshot covers the whole page.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  /** Per tab (CDP session): a tab's events and loads are its own. */
  private final Map<String, CompletableFuture<Void>> loaded = new ConcurrentHashMap<>();

  /** What loading one page did. */
  record PageLoad(String dom, List<String> requests, List<String> consoleErrors) {}

  private HeadlessChromium(Process process, String endpoint) throws Exception {
    this.process = process;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(endpoint), new Listener()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Starts chromium as the task asks: headless, no sandbox (root), nothing in the background, a fresh profile. */
  static HeadlessChromium start(Path userDataDir) throws Exception {
    Process process = new ProcessBuilder(RealComponents.require("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + userDataDir, "--remote-debugging-port=0", "--window-size=1280,900", "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try {
        for (String line; (line = stderr.readLine()) != null; ) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            endpoint.complete(m.group(1));
          }
        }
        endpoint.completeExceptionally(new IllegalStateException("chromium exited without a DevTools endpoint"));
      } catch (IOException e) {
        endpoint.completeExceptionally(e);
      }
    }, "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    try {
      return new HeadlessChromium(process, endpoint.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Loads {@code page} in a new tab, records its requests and console errors, and screenshots the whole page. */
  PageLoad load(URI page, Path screenshot) throws Exception {
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .path("sessionId").asText();
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      call(session, domain + ".enable", Map.of());
    }
    call(session, "Page.navigate", Map.of("url", page.toString()));
    loadOf(session).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String dom = call(session, "Runtime.evaluate",
        Map.of("expression", "document.documentElement.outerHTML", "returnByValue", true))
        .path("result").path("value").asText();
    JsonNode size = call(session, "Page.getLayoutMetrics", Map.of()).path("cssContentSize");
    String png = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(), "height", size.path("height").asDouble(),
            "scale", 1))).path("data").asText();
    Files.write(screenshot, Base64.getDecoder().decode(png));
    List<String> requests = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode event : events) {
      if (!session.equals(event.path("sessionId").asText())) {
        continue;
      }
      JsonNode params = event.path("params");
      switch (event.path("method").asText()) {
        case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
        case "Runtime.consoleAPICalled" -> {
          if (List.of("error", "assert").contains(params.path("type").asText())) {
            errors.add(params.path("args").toString());
          }
        }
        case "Runtime.exceptionThrown" -> errors.add(params.path("exceptionDetails").toString());
        case "Log.entryAdded" -> {
          if ("error".equals(params.path("entry").path("level").asText())) {
            errors.add(params.path("entry").path("text").asText());
          }
        }
        default -> { }
      }
    }
    call(null, "Target.closeTarget", Map.of("targetId", target));
    return new PageLoad(dom, requests, errors);
  }

  private CompletableFuture<Void> loadOf(String session) {
    return loaded.computeIfAbsent(session, s -> new CompletableFuture<>());
  }

  private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + ": " + answer.path("error"));
    }
    return answer.path("result");
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
    // Its renderer, utility and crash-handler processes write into the profile directory until they
    // exit, and JUnit deletes that directory next: a CI run failed on a file written meanwhile.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        try {
          child.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
          child.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  /** Joins each message's frames and routes replies (by id) and events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder frames = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      frames.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(frames.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.path("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            events.add(message);
            if ("Page.loadEventFired".equals(message.path("method").asText())) {
              loadOf(message.path("sessionId").asText()).complete(null);
            }
          }
        } catch (IOException e) {
          replies.values().forEach(r -> r.completeExceptionally(e));
        }
        frames.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
