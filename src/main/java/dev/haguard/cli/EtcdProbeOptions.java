package dev.haguard.cli;

import dev.haguard.etcd.EtcdProbe;
import dev.haguard.etcd.EtcdTls;
import dev.haguard.etcd.EtcdTlsException;
import dev.haguard.policy.EtcdEndpoints;
import dev.haguard.policy.SpecError;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The etcd probe's command-line options, as a picocli mixin ({@code @Mixin EtcdProbeOptions etcd;}):
 * {@code --etcd-endpoints URL[,URL...] [--etcd-cacert F --etcd-cert F --etcd-key F]}.
 */
public final class EtcdProbeOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--etcd-endpoints", split = ",", paramLabel = "URL",
      description = "etcd client URLs to probe directly (e.g. https://10.0.0.11:2379), comma-separated.")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--etcd-cacert", paramLabel = "FILE", description = "CA bundle that signs etcd's server certificates (PEM).")
  Path caCert;

  @Option(names = "--etcd-cert", paramLabel = "FILE", description = "Client certificate for etcd (PEM).")
  Path clientCert;

  @Option(names = "--etcd-key", paramLabel = "FILE", description = "Client certificate's key (PEM, PKCS#8 or PKCS#1 RSA).")
  Path clientKey;

  /**
   * The probe the options describe; empty without {@code --etcd-endpoints}. A bad URL, or only
   * some of the three TLS files, is a usage error naming the option.
   */
  public Optional<EtcdProbe> probe() {
    if (endpoints.isEmpty()) {
      if (caCert != null || clientCert != null || clientKey != null) {
        throw usage("--etcd-cacert, --etcd-cert and --etcd-key need --etcd-endpoints");
      }
      return Optional.empty();
    }
    List<SpecError> errors = new ArrayList<>();
    List<URI> urls = EtcdEndpoints.parse(errors, "--etcd-endpoints", endpoints);
    if (!errors.isEmpty()) {
      throw usage(errors.get(0).toString());
    }
    long tlsFiles = Stream.of(caCert, clientCert, clientKey).filter(f -> f != null).count();
    if (tlsFiles != 0 && tlsFiles != 3) {
      throw usage("--etcd-cacert, --etcd-cert and --etcd-key go together: give all three or none");
    }
    try {
      EtcdTls tls = tlsFiles == 0 ? null : EtcdTls.fromFiles(caCert, clientCert, clientKey);
      return Optional.of(new EtcdProbe(urls, tls, EtcdProbe.DEFAULT_TIMEOUT));
    } catch (EtcdTlsException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
