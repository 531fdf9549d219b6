package dev.haguard.etcd;

import dev.haguard.support.RealComponents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CA, a server certificate for 127.0.0.1 (SAN IP) and a client certificate, made with openssl
 * in {@code dir}. The client key is written as PKCS#1 ("BEGIN RSA PRIVATE KEY"), as kubeadm does.
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  public static TestCertificates generate(Path dir, String caName) throws IOException, InterruptedException {
    String openssl = RealComponents.require("openssl");
    Path ca = dir.resolve(caName + ".crt");
    Path caKey = dir.resolve(caName + ".key");
    run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + caName,
        "-keyout", caKey.toString(), "-out", ca.toString());
    Path serverKey = dir.resolve("server.key");
    Path serverCert = dir.resolve("server.crt");
    signed(dir, openssl, ca, caKey, "server", serverKey, serverCert,
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    Path clientPkcs8 = dir.resolve("client.pk8");
    Path clientCert = dir.resolve("client.crt");
    signed(dir, openssl, ca, caKey, "haguard", clientPkcs8, clientCert, "extendedKeyUsage=clientAuth\n");
    Path clientKey = dir.resolve("client.key");
    run(dir, openssl, "rsa", "-in", clientPkcs8.toString(), "-traditional", "-out", clientKey.toString());
    return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey);
  }

  private static void signed(Path dir, String openssl, Path ca, Path caKey, String cn, Path key, Path cert,
      String extensions) throws IOException, InterruptedException {
    Path csr = dir.resolve(cn + ".csr");
    Path ext = dir.resolve(cn + ".ext");
    Files.writeString(ext, extensions);
    run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn,
        "-keyout", key.toString(), "-out", csr.toString());
    run(dir, openssl, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-days", "1", "-extfile", ext.toString(), "-out", cert.toString());
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
