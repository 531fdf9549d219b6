package dev.haguard.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context for registries: the JDK's trusted CAs plus, optionally, a PEM bundle of private
 * CAs. Verification always stays on; a registry whose certificate does not verify fails with
 * {@link RegistryException.Failure#TLS}.
 */
final class TrustedCas {
  private TrustedCas() {}

  static SSLContext sslContext(Path caBundle) throws RegistrySetupException {
    try {
      if (caBundle == null) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      Collection<? extends Certificate> bundle = readPem(caBundle);
      if (bundle.isEmpty()) {
        throw new RegistrySetupException(caBundle + ": no PEM certificate in the CA bundle");
      }
      for (Certificate ca : bundle) {
        store.setCertificateEntry("bundle-" + n++, ca);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (NoSuchFileException e) {
      throw new RegistrySetupException(caBundle + ": no such file");
    } catch (AccessDeniedException e) {
      throw new RegistrySetupException(caBundle + ": cannot read: permission denied");
    } catch (GeneralSecurityException | IOException e) {
      throw new RegistrySetupException(caBundle + ": cannot use the CA bundle: " + e.getMessage());
    }
  }

  private static Collection<? extends Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (var manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
