package dev.haguard.etcd;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material for etcd's client port, as kubeadm lays it out: a CA bundle, a client
 * certificate and its key (PEM; the key PKCS#8 or PKCS#1 RSA, as Go writes it). Server
 * certificates are always verified against the CA. The key never appears in messages or logs.
 */
public final class EtcdTls {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  // DER of AlgorithmIdentifier { rsaEncryption, NULL }, to wrap a PKCS#1 RSA key as PKCS#8.
  private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private final String source;
  private final byte[] caPem;
  private final byte[] certPem;
  private final byte[] keyPem;

  private EtcdTls(String source, byte[] caPem, byte[] certPem, byte[] keyPem) {
    this.source = source;
    this.caPem = caPem.clone();
    this.certPem = certPem.clone();
    this.keyPem = keyPem.clone();
  }

  /** Reads the three PEM files; an unreadable file is named in the error. */
  public static EtcdTls fromFiles(Path ca, Path cert, Path key) throws EtcdTlsException {
    return new EtcdTls("files " + ca + ", " + cert + ", " + key, read(ca), read(cert), read(key));
  }

  /** The material of a Secret's {@code ca.crt}, {@code tls.crt} and {@code tls.key}; {@code source} names it. */
  public static EtcdTls fromPem(String source, byte[] ca, byte[] cert, byte[] key) {
    return new EtcdTls(source, ca, cert, key);
  }

  /** A gRPC client context that verifies the server against the CA and presents the client certificate. */
  SslContext sslContext() throws EtcdTlsException {
    try {
      // gRPC's builder: HTTP/2 over TLS needs ALPN set up as grpc-netty wants it.
      return GrpcSslContexts.forClient()
          .trustManager(certificates(caPem, "CA").toArray(X509Certificate[]::new))
          .keyManager(privateKey(), certificates(certPem, "client certificate").toArray(X509Certificate[]::new))
          .build();
    } catch (IOException e) {
      throw new EtcdTlsException("etcd TLS material (" + source + "): " + e.getMessage(), e);
    }
  }

  /**
   * The same material as a JDK SSLContext, for {@link TlsHandshake}'s diagnosis: gRPC keeps a
   * failed handshake's cause to itself and only reports that no answer came.
   */
  SSLContext jdkContext() throws EtcdTlsException {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      List<X509Certificate> cas = certificates(caPem, "CA");
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca-" + i, cas.get(i));
      }
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      char[] password = new char[0];
      identity.setKeyEntry("client", privateKey(), password,
          certificates(certPem, "client certificate").toArray(X509Certificate[]::new));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new EtcdTlsException("etcd TLS material (" + source + "): " + e.getMessage(), e);
    }
  }

  private List<X509Certificate> certificates(byte[] pem, String what) throws EtcdTlsException {
    try {
      List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem)).stream().map(X509Certificate.class::cast).toList();
      if (certs.isEmpty()) {
        throw new EtcdTlsException("etcd TLS material (" + source + "): the " + what + " holds no certificate", null);
      }
      return certs;
    } catch (CertificateException e) {
      throw new EtcdTlsException("etcd TLS material (" + source + "): the " + what + " is not PEM X.509: "
          + e.getMessage(), e);
    }
  }

  private PrivateKey privateKey() throws EtcdTlsException {
    Matcher m = PEM.matcher(new String(keyPem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new EtcdTlsException("etcd TLS material (" + source + "): the key is not PEM", null);
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] pkcs8 = switch (m.group(1)) {
      case "PRIVATE KEY" -> der;
      case "RSA PRIVATE KEY" -> pkcs1ToPkcs8(der);
      default -> throw new EtcdTlsException("etcd TLS material (" + source + "): unsupported key type \""
          + m.group(1) + "\"; convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`", null);
    };
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        // Not this algorithm; try the next.
      }
    }
    throw new EtcdTlsException("etcd TLS material (" + source + "): the key is neither RSA, EC nor Ed25519", null);
  }

  /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING { RSAPrivateKey } }. */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
    System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }

  private static byte[] read(Path file) throws EtcdTlsException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new EtcdTlsException("cannot read etcd TLS file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Names where the material came from, never its content. */
  @Override
  public String toString() {
    return "EtcdTls[" + source + "]";
  }
}
