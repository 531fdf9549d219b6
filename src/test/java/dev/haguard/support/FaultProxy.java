package dev.haguard.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A forwarding HTTP/1.1 proxy on loopback, in front of the embedded API server, that injects
 * faults per request: an error status (409, 410, 429, 500, 503...), a connection reset, a request
 * held back until released, or a watch that the server ends with {@code 410 Gone} (an ERROR event
 * inside the websocket, as a real API server sends when the watch's resourceVersion has expired).
 * The embedded server can do none of these by itself. Every request is recorded.
 *
 * <p>One request per connection: the proxy asks both sides to close after each response, so that
 * each request is seen and can be faulted; websocket upgrades (fabric8's watches) are piped both
 * ways until either side closes.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int MAX_HEAD = 64 << 10;
  private static final int END_OF_HEAD = ('\r' << 24) | ('\n' << 16) | ('\r' << 8) | '\n';

  /** One request as the proxy saw it; {@code watch} for a websocket upgrade (fabric8's watches). */
  public record Request(
      String method, String path, String query, boolean watch, long nanos, String fault, String body) {
    public boolean isList() {
      return "GET".equals(method) && !watch;
    }
  }

  /** What to do instead of forwarding. */
  public sealed interface Fault {
    String name();
  }

  /** Answer with this HTTP status and a Kubernetes Status body. */
  public record Status(int code) implements Fault {
    public String name() {
      return String.valueOf(code);
    }
  }

  /** Reset the connection without answering. */
  public record Reset() implements Fault {
    public String name() {
      return "reset";
    }
  }

  /** Wait until {@code release} opens, then forward. */
  public record Hold(CountDownLatch release) implements Fault {
    public String name() {
      return "held";
    }
  }

  /**
   * Open the watch (once {@code release} opens, when given), then end it at once with an ERROR
   * event carrying 410 Gone, without passing on anything the server sent.
   */
  public record WatchGone(CountDownLatch release) implements Fault {
    public String name() {
      return "watch-gone";
    }
  }

  private record Rule(Predicate<Request> when, Fault fault, AtomicInteger remaining) {}

  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Open> watches = new CopyOnWriteArrayList<>();

  private record Open(Request request, Socket client, Socket upstream) {}

  private FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Starts a proxy to {@code upstream} (an {@code http://host:port} URL) on a free loopback port. */
  public static FaultProxy start(String upstream) throws IOException {
    return new FaultProxy(URI.create(upstream));
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Applies {@code fault} to the next {@code times} requests that match (a negative count: always). */
  public FaultProxy inject(Predicate<Request> when, Fault fault, int times) {
    rules.add(new Rule(when, fault, new AtomicInteger(times < 0 ? Integer.MAX_VALUE : times)));
    return this;
  }

  /** Forwards everything from now on. */
  public void heal() {
    rules.clear();
  }

  /** Every request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Ends the open watches that match, as a dropped connection would; the client reconnects. */
  public void dropWatches(Predicate<Request> which) {
    for (Open open : watches) {
      if (which.test(open.request())) {
        closeQuietly(open.client());
        closeQuietly(open.upstream());
        watches.remove(open);
      }
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      String head = readHead(in);
      if (head == null) {
        client.close();
        return;
      }
      List<String> lines = new ArrayList<>(head.lines().toList());
      String[] requestLine = lines.remove(0).split(" ", 3);
      String target = requestLine[1];
      int q = target.indexOf('?');
      boolean upgrade = lines.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).startsWith("upgrade: websocket"));
      byte[] body = in.readNBytes(contentLength(lines));
      Request request = new Request(requestLine[0], q < 0 ? target : target.substring(0, q),
          q < 0 ? "" : target.substring(q + 1), upgrade, System.nanoTime(), null,
          new String(body, StandardCharsets.UTF_8));
      Fault fault = faultFor(request);
      requests.add(fault == null ? request : new Request(request.method(), request.path(), request.query(), upgrade,
          request.nanos(), fault.name(), request.body()));
      if (fault instanceof Status status) {
        answer(client, status.code());
        return;
      }
      if (fault instanceof Reset) {
        client.setSoLinger(true, 0);
        client.close();
        return;
      }
      if (fault instanceof Hold hold) {
        hold.release().await(2, TimeUnit.MINUTES);
      } else if (fault instanceof WatchGone gone && gone.release() != null) {
        gone.release().await(2, TimeUnit.MINUTES);
      }
      forward(client, in, requestLine, lines, body, request, fault instanceof WatchGone);
    } catch (IOException | InterruptedException | RuntimeException e) {
      closeQuietly(client);
    }
  }

  private Fault faultFor(Request request) {
    for (Rule rule : rules) {
      if (rule.when().test(request) && rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        return rule.fault();
      }
    }
    return null;
  }

  private void forward(Socket client, InputStream fromClient, String[] requestLine, List<String> headers, byte[] body, Request request,
      boolean gone) throws IOException {
    Socket up = new Socket(upstream.getHost(), upstream.getPort());
    StringBuilder head = new StringBuilder(String.join(" ", requestLine)).append("\r\n");
    for (String h : headers) {
      String name = h.substring(0, Math.max(0, h.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
      // No HTTP/2 upgrade (the JDK client offers h2c) and no keep-alive: one request per connection.
      if (!List.of("connection", "keep-alive", "http2-settings").contains(name)
          && !(name.equals("upgrade") && !request.watch())) {
        head.append(h).append("\r\n");
      }
    }
    head.append(request.watch() ? "Connection: Upgrade\r\n" : "Connection: close\r\n").append("\r\n");
    OutputStream toUpstream = up.getOutputStream();
    toUpstream.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    toUpstream.write(body);
    toUpstream.flush();
    InputStream fromUpstream = new BufferedInputStream(up.getInputStream());
    String responseHead = readHead(fromUpstream);
    if (responseHead == null) {
      closeQuietly(up);
      closeQuietly(client);
      return;
    }
    boolean switched = responseHead.startsWith("HTTP/1.1 101");
    StringBuilder rewritten = new StringBuilder();
    for (String line : responseHead.lines().toList()) {
      if (switched || !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        rewritten.append(line).append("\r\n");
      }
    }
    if (!switched) {
      rewritten.append("Connection: close\r\n");
    }
    OutputStream toClient = client.getOutputStream();
    toClient.write(rewritten.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    if (switched && gone) {
      toClient.write(textFrame("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version\"}}"));
      toClient.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8}); // close, 1000
      toClient.flush();
      closeQuietly(up);
      closeQuietly(client);
      return;
    }
    toClient.flush();
    if (switched) {
      Open open = new Open(request, client, up);
      watches.add(open);
      threads.execute(() -> pipe(fromClient, client, up));
      pipe(fromUpstream, up, client);
      watches.remove(open);
    } else {
      pipe(fromUpstream, up, client);
    }
  }

  private static void pipe(InputStream in, Socket from, Socket to) {
    try {
      in.transferTo(to.getOutputStream());
    } catch (IOException e) {
      // either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void answer(Socket client, int code) throws IOException {
    String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
        + ",\"message\":\"injected by the test's fault proxy\"}";
    String response = "HTTP/1.1 " + code + " Injected\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\n" + (code == 429 ? "Retry-After: 1\r\n" : "") + "Connection: close\r\n\r\n" + body;
    client.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
    client.getOutputStream().flush();
    client.close();
  }

  private static byte[] textFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else {
      frame.write(126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private static int contentLength(List<String> headers) {
    for (String h : headers) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  /** The head up to the blank line, without it; null when the stream ends first. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while (last4 != END_OF_HEAD) {
      if ((b = in.read()) < 0 || head.size() > MAX_HEAD) {
        return null;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - 4);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    watches.forEach(o -> {
      closeQuietly(o.client());
      closeQuietly(o.upstream());
    });
    threads.shutdownNow();
  }
}
