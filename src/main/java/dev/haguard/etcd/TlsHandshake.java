package dev.haguard.etcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Explains an https endpoint that gave no answer: one TLS handshake with the JDK, verifying the
 * server's certificate and host name as gRPC does, and the reason it failed (an unknown CA, a
 * name mismatch, a rejected client certificate).
 */
final class TlsHandshake {
  private TlsHandshake() {}

  /** Why a handshake with {@code endpoint} fails, or empty when it succeeds or the endpoint is not https. */
  static Optional<String> failure(URI endpoint, EtcdTls tls, Duration timeout) {
    if (!"https".equals(endpoint.getScheme())) {
      return Optional.empty();
    }
    int timeoutMillis = (int) timeout.toMillis();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      SSLContext context = tls == null ? SSLContext.getDefault() : tls.jdkContext();
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
          .createSocket(plain, endpoint.getHost(), endpoint.getPort(), false)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        // A client certificate the server rejects surfaces only on the first read after the handshake.
        socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.getInputStream().read();
        return Optional.empty();
      }
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException | EtcdTlsException | NoSuchAlgorithmException e) {
      return Optional.of("TLS handshake failed: " + EtcdProbe.withRootCause(e));
    }
  }
}
