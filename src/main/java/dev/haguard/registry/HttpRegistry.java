package dev.haguard.registry;

import dev.haguard.registry.RegistryException.Failure;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The HTTP side of registry calls, with every bound in one place: plain HTTP only for loopback and
 * insecure registries, TLS verified otherwise, timeouts on connect and on the whole answer, bounded
 * bodies, redirects followed only on the same origin (credentials never leave for another host), a
 * cap on concurrent requests per host, and bounded retries with backoff on 429/5xx.
 */
final class HttpRegistry {
  /** An answer: status, headers and the (bounded) body. */
  record Answer(int status, HttpHeaders headers, byte[] body) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /**
   * One request.
   *
   * @param registry the registry it is counted for
   * @param body     a form body for POST, else null
   */
  record Call(String registry, RegistryRequests.Kind kind, String method, URI uri, Map<String, String> headers,
              String body, long maxBody) {}

  private static final int MAX_REDIRECTS = 3;
  private static final long MAX_ERROR_BODY = 64 * 1024;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private final RegistrySettings settings;
  private final RegistryRequests requests;
  private final HttpClient http;
  private final Map<String, Semaphore> permitsByHost = new ConcurrentHashMap<>();

  HttpRegistry(RegistrySettings settings, RegistryRequests requests) throws RegistrySetupException {
    this.settings = settings;
    this.requests = requests;
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(TrustedCas.sslContext(settings.caBundle()))
        .build();
  }

  /** {@code http://host/path} for loopback and insecure registries, {@code https://host/path} otherwise. */
  URI uri(String host, String path) {
    return URI.create((isPlainHttp(host) ? "http" : "https") + "://" + host + path);
  }

  boolean isPlainHttp(String host) {
    return settings.insecureRegistries().contains(host) || (settings.plainHttpOnLoopback() && isLoopback(host));
  }

  /** Whether host[:port] names this machine: {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}. */
  static boolean isLoopback(String hostAndPort) {
    String host = hostAndPort.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      host = host.substring(1, Math.max(1, host.indexOf(']')));
    } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Sends {@code call}, retrying 429/5xx answers with backoff up to the configured attempts. */
  Answer exchange(Call call) throws RegistryException {
    for (int attempt = 1; ; attempt++) {
      Answer answer = followSameOrigin(call);
      if (answer.status() != 429 && answer.status() < 500) {
        return answer;
      }
      if (attempt >= settings.maxAttempts()) {
        throw new RegistryException(Failure.UNREACHABLE, call.registry(),
            "answered " + answer.status() + " " + attempt + " times (" + call.method() + " " + call.uri() + ")");
      }
      sleep(call, retryDelay(call, answer, attempt));
    }
  }

  private Answer followSameOrigin(Call call) throws RegistryException {
    Call current = call;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      Answer answer = sendOnce(current);
      if (!isRedirect(answer.status())) {
        return answer;
      }
      String location = answer.header("Location").orElseThrow(() -> new RegistryException(Failure.BAD_ANSWER,
          call.registry(), "answered " + answer.status() + " without a Location"));
      URI next = current.uri().resolve(location);
      if (!sameOrigin(current.uri(), next)) {
        throw new RegistryException(Failure.BAD_ANSWER, call.registry(), "redirected to another origin ("
            + next.getScheme() + "://" + next.getAuthority() + "); not followed, so no credentials go there");
      }
      current = new Call(current.registry(), current.kind(), current.method(), next, current.headers(),
          current.body(), current.maxBody());
    }
    throw new RegistryException(Failure.BAD_ANSWER, call.registry(), "more than " + MAX_REDIRECTS + " redirects");
  }

  private Answer sendOnce(Call call) throws RegistryException {
    Semaphore permits = permitsByHost.computeIfAbsent(call.uri().getAuthority(),
        host -> new Semaphore(settings.maxConcurrentPerRegistry()));
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Failure.UNREACHABLE, call.registry(), "interrupted", e);
    }
    CompletableFuture<HttpResponse<byte[]>> pending = null;
    try {
      requests.record(call.registry(), call.kind());
      HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
          .timeout(settings.requestTimeout())
          .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(call.body()));
      call.headers().forEach(request::header);
      pending = http.sendAsync(request.build(), info -> new BoundedBody(
          info.statusCode() / 100 == 2 ? call.maxBody() : MAX_ERROR_BODY, info));
      HttpResponse<byte[]> response = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timeout(call, e);
    } catch (ExecutionException e) {
      throw translate(call, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Failure.UNREACHABLE, call.registry(), "interrupted", e);
    } finally {
      permits.release();
    }
  }

  private RegistryException translate(Call call, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof BoundedBody.TooLargeException) {
        return new RegistryException(Failure.BAD_ANSWER, call.registry(), cause.getMessage() + " (" + call.uri() + ")");
      }
      if (cause instanceof SSLException) {
        return new RegistryException(Failure.TLS, call.registry(),
            "TLS verification failed for " + call.uri().getAuthority() + ": " + deepestMessage(cause), error);
      }
      if (cause instanceof HttpTimeoutException) {
        return timeout(call, error);
      }
    }
    return new RegistryException(Failure.UNREACHABLE, call.registry(),
        "cannot reach " + call.uri().getAuthority() + ": " + connectProblem(error), error);
  }

  /** Says what went wrong in words, where the JDK only names an exception class. */
  private static String connectProblem(Throwable error) {
    boolean connecting = false;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "unknown host";
      }
      connecting |= cause instanceof ConnectException;
    }
    return connecting ? "connection refused" : deepestMessage(error);
  }

  private RegistryException timeout(Call call, Throwable error) {
    return new RegistryException(Failure.TIMEOUT, call.registry(), "no answer from " + call.uri().getAuthority()
        + " within " + settings.requestTimeout().toMillis() + " ms", error);
  }

  private Duration retryDelay(Call call, Answer answer, int attempt) throws RegistryException {
    Optional<Duration> asked = answer.header("Retry-After").flatMap(RetryAfter::parse);
    if (asked.isPresent()) {
      if (asked.get().compareTo(settings.maxRetryAfter()) > 0) {
        throw new RegistryException(Failure.UNREACHABLE, call.registry(), "answered " + answer.status()
            + " and asks to retry after " + asked.get().toSeconds() + " s, longer than haguard waits");
      }
      return asked.get();
    }
    long base = FIRST_BACKOFF.toMillis() << (attempt - 1);
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base));
  }

  private void sleep(Call call, Duration delay) throws RegistryException {
    try {
      settings.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Failure.UNREACHABLE, call.registry(), "interrupted", e);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI from, URI to) {
    return Objects.equals(from.getScheme(), to.getScheme())
        && from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost())
        && from.getPort() == to.getPort();
  }

  private static String deepestMessage(Throwable error) {
    Throwable deepest = error;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
  }
}
